-- CreateTable
CREATE TABLE "audit_correlations" (
    "correlationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,

    CONSTRAINT "audit_correlations_pkey" PRIMARY KEY ("correlationId","seq")
);

-- CreateTable
CREATE TABLE "audit_checkpoints" (
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "audit_daily_pair_rollups" (
    "day" TEXT NOT NULL,
    "initiatorKey" TEXT NOT NULL,
    "initiatorType" "PrincipalType" NOT NULL,
    "initiatorId" TEXT,
    "initiatorLabel" TEXT,
    "executorKey" TEXT NOT NULL,
    "executorType" "PrincipalType" NOT NULL,
    "executorId" TEXT,
    "executorLabel" TEXT,
    "count" INTEGER NOT NULL,

    CONSTRAINT "audit_daily_pair_rollups_pkey" PRIMARY KEY ("day","initiatorKey","executorKey")
);

-- CreateTable
CREATE TABLE "decision_daily_rollups" (
    "day" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "decision_daily_rollups_pkey" PRIMARY KEY ("day","decision","reason")
);

-- CreateTable
CREATE TABLE "borrowed_event_marks" (
    "seq" INTEGER NOT NULL,
    "caseId" TEXT NOT NULL,
    "storedAttribution" "Attribution" NOT NULL,
    "day" TEXT NOT NULL,

    CONSTRAINT "borrowed_event_marks_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "governance_snapshots" (
    "day" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "governance_snapshots_pkey" PRIMARY KEY ("day","metric")
);

-- CreateIndex
CREATE INDEX "audit_correlations_seq_idx" ON "audit_correlations"("seq");

-- CreateIndex
CREATE INDEX "audit_checkpoints_signedAt_idx" ON "audit_checkpoints"("signedAt");

-- CreateIndex
CREATE INDEX "borrowed_event_marks_caseId_idx" ON "borrowed_event_marks"("caseId");

-- CreateIndex
CREATE INDEX "borrowed_event_marks_day_idx" ON "borrowed_event_marks"("day");

-- CreateIndex
CREATE INDEX "audit_events_source_occurredAt_idx" ON "audit_events"("source", "occurredAt");

-- CreateIndex
CREATE INDEX "audit_events_outcome_occurredAt_idx" ON "audit_events"("outcome", "occurredAt");

-- CreateIndex
CREATE INDEX "audit_events_initiatorLabel_occurredAt_idx" ON "audit_events"("initiatorLabel", "occurredAt");

-- CreateIndex
CREATE INDEX "audit_events_executorLabel_occurredAt_idx" ON "audit_events"("executorLabel", "occurredAt");

