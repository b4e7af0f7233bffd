-- CreateIndex
CREATE INDEX "findings_status_severity_detectedAt_idx" ON "findings"("status", "severity", "detectedAt");

