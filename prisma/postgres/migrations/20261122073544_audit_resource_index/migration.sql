-- CreateIndex
CREATE INDEX "audit_events_resource_occurredAt_idx" ON "audit_events"("resource", "occurredAt");

