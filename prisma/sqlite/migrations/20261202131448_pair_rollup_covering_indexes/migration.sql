-- CreateIndex
CREATE INDEX "audit_daily_pair_rollups_initiatorType_day_initiatorKey_initiatorId_count_idx" ON "audit_daily_pair_rollups"("initiatorType", "day", "initiatorKey", "initiatorId", "count");

-- CreateIndex
CREATE INDEX "audit_daily_pair_rollups_executorType_day_executorKey_executorId_count_idx" ON "audit_daily_pair_rollups"("executorType", "day", "executorKey", "executorId", "count");

