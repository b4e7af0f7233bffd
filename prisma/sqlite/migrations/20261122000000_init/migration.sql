-- CreateTable
CREATE TABLE "humans" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "department" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "role" TEXT,
    "passwordHash" TEXT,
    "signInDisabledAt" DATETIME,
    "lastSignInAt" DATETIME,
    "offboardedAt" DATETIME,
    "managerId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "humans_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "humans" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "nhis" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "system" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'unknown',
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "description" TEXT,
    "sponsorId" TEXT,
    "lastSeenAt" DATETIME,
    "discoveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "nhis_sponsorId_fkey" FOREIGN KEY ("sponsorId") REFERENCES "humans" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "credentials" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "environment" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "subjectHumanId" TEXT,
    "subjectNhiId" TEXT,
    "holderNhiId" TEXT,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "lastUsedAt" DATETIME,
    "lastRotatedAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revocationReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "credentials_subjectHumanId_fkey" FOREIGN KEY ("subjectHumanId") REFERENCES "humans" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "credentials_subjectNhiId_fkey" FOREIGN KEY ("subjectNhiId") REFERENCES "nhis" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "credentials_holderNhiId_fkey" FOREIGN KEY ("holderNhiId") REFERENCES "nhis" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "credentials_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "humans" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "scope_requests" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "nhiId" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "actions" TEXT NOT NULL,
    "resources" TEXT NOT NULL,
    "requestedTtlSeconds" INTEGER NOT NULL,
    "approvedTtlSeconds" INTEGER,
    "initiatorId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "stateChanging" BOOLEAN NOT NULL DEFAULT false,
    "riskScore" INTEGER NOT NULL DEFAULT 0,
    "needsSecurityApproval" BOOLEAN NOT NULL DEFAULT false,
    "denialReason" TEXT,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    "expiresAt" DATETIME,
    "completedAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revocationReason" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "scope_requests_nhiId_fkey" FOREIGN KEY ("nhiId") REFERENCES "nhis" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "scope_requests_initiatorId_fkey" FOREIGN KEY ("initiatorId") REFERENCES "humans" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "scope_requests_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "humans" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "scope_approvals" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scopeRequestId" TEXT NOT NULL,
    "approverId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "scope_approvals_scopeRequestId_fkey" FOREIGN KEY ("scopeRequestId") REFERENCES "scope_requests" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "scope_approvals_approverId_fkey" FOREIGN KEY ("approverId") REFERENCES "humans" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "task_tokens" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "scopeRequestId" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "task_tokens_scopeRequestId_fkey" FOREIGN KEY ("scopeRequestId") REFERENCES "scope_requests" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "task_tokens_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "credentials" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "nhiId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    CONSTRAINT "api_keys_nhiId_fkey" FOREIGN KEY ("nhiId") REFERENCES "nhis" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "api_keys_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "humans" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "api_keys_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "humans" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "audit_events" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "occurredAt" DATETIME NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "sourceEventId" TEXT,
    "action" TEXT NOT NULL,
    "resource" TEXT,
    "outcome" TEXT NOT NULL,
    "initiatorType" TEXT NOT NULL,
    "initiatorId" TEXT,
    "initiatorLabel" TEXT,
    "executorType" TEXT NOT NULL,
    "executorId" TEXT,
    "executorLabel" TEXT,
    "credentialId" TEXT,
    "credentialKind" TEXT,
    "credentialSubjectType" TEXT,
    "attribution" TEXT NOT NULL,
    "scopeId" TEXT,
    "details" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "audit_daily_rollups" (
    "day" TEXT NOT NULL,
    "attribution" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "initiatorType" TEXT NOT NULL,
    "executorType" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("day", "attribution", "outcome", "initiatorType", "executorType")
);

-- CreateTable
CREATE TABLE "findings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "nhiId" TEXT,
    "credentialId" TEXT,
    "title" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "controls" TEXT NOT NULL,
    "detectedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "acceptedReason" TEXT,
    "acceptedUntil" DATETIME,
    "acceptedById" TEXT,
    "resolvedAt" DATETIME,
    CONSTRAINT "findings_nhiId_fkey" FOREIGN KEY ("nhiId") REFERENCES "nhis" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "findings_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "credentials" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "findings_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "humans" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "review_campaigns" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "dueAt" DATETIME NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "review_campaigns_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "humans" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "review_items" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "nhiId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "decision" TEXT NOT NULL DEFAULT 'PENDING',
    "note" TEXT,
    "decidedAt" DATETIME,
    CONSTRAINT "review_items_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "review_campaigns" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "review_items_nhiId_fkey" FOREIGN KEY ("nhiId") REFERENCES "nhis" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "review_items_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "humans" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "sign_in_throttles" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL,
    "windowStartsAt" DATETIME NOT NULL,
    "lockedUntil" DATETIME
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "humans_email_key" ON "humans"("email");

-- CreateIndex
CREATE INDEX "humans_role_idx" ON "humans"("role");

-- CreateIndex
CREATE INDEX "humans_status_idx" ON "humans"("status");

-- CreateIndex
CREATE INDEX "humans_managerId_idx" ON "humans"("managerId");

-- CreateIndex
CREATE INDEX "nhis_kind_idx" ON "nhis"("kind");

-- CreateIndex
CREATE INDEX "nhis_status_idx" ON "nhis"("status");

-- CreateIndex
CREATE INDEX "nhis_sponsorId_idx" ON "nhis"("sponsorId");

-- CreateIndex
CREATE INDEX "nhis_name_idx" ON "nhis"("name");

-- CreateIndex
CREATE UNIQUE INDEX "nhis_system_externalId_key" ON "nhis"("system", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "credentials_fingerprint_key" ON "credentials"("fingerprint");

-- CreateIndex
CREATE INDEX "credentials_kind_idx" ON "credentials"("kind");

-- CreateIndex
CREATE INDEX "credentials_status_idx" ON "credentials"("status");

-- CreateIndex
CREATE INDEX "credentials_subjectHumanId_idx" ON "credentials"("subjectHumanId");

-- CreateIndex
CREATE INDEX "credentials_subjectNhiId_idx" ON "credentials"("subjectNhiId");

-- CreateIndex
CREATE INDEX "credentials_holderNhiId_idx" ON "credentials"("holderNhiId");

-- CreateIndex
CREATE INDEX "credentials_expiresAt_idx" ON "credentials"("expiresAt");

-- CreateIndex
CREATE INDEX "scope_requests_nhiId_status_idx" ON "scope_requests"("nhiId", "status");

-- CreateIndex
CREATE INDEX "scope_requests_status_requestedAt_idx" ON "scope_requests"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "scope_requests_initiatorId_idx" ON "scope_requests"("initiatorId");

-- CreateIndex
CREATE INDEX "scope_approvals_approverId_idx" ON "scope_approvals"("approverId");

-- CreateIndex
CREATE UNIQUE INDEX "scope_approvals_scopeRequestId_stage_key" ON "scope_approvals"("scopeRequestId", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "task_tokens_tokenHash_key" ON "task_tokens"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "task_tokens_scopeRequestId_key" ON "task_tokens"("scopeRequestId");

-- CreateIndex
CREATE UNIQUE INDEX "task_tokens_credentialId_key" ON "task_tokens"("credentialId");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_keyHash_key" ON "api_keys"("keyHash");

-- CreateIndex
CREATE INDEX "api_keys_kind_idx" ON "api_keys"("kind");

-- CreateIndex
CREATE INDEX "api_keys_nhiId_idx" ON "api_keys"("nhiId");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_hash_key" ON "audit_events"("hash");

-- CreateIndex
CREATE INDEX "audit_events_occurredAt_idx" ON "audit_events"("occurredAt");

-- CreateIndex
CREATE INDEX "audit_events_attribution_occurredAt_idx" ON "audit_events"("attribution", "occurredAt");

-- CreateIndex
CREATE INDEX "audit_events_action_occurredAt_idx" ON "audit_events"("action", "occurredAt");

-- CreateIndex
CREATE INDEX "audit_events_initiatorId_occurredAt_idx" ON "audit_events"("initiatorId", "occurredAt");

-- CreateIndex
CREATE INDEX "audit_events_executorId_occurredAt_idx" ON "audit_events"("executorId", "occurredAt");

-- CreateIndex
CREATE INDEX "audit_events_credentialId_idx" ON "audit_events"("credentialId");

-- CreateIndex
CREATE INDEX "audit_events_scopeId_idx" ON "audit_events"("scopeId");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_source_sourceEventId_key" ON "audit_events"("source", "sourceEventId");

-- CreateIndex
CREATE UNIQUE INDEX "findings_key_key" ON "findings"("key");

-- CreateIndex
CREATE INDEX "findings_nhiId_status_idx" ON "findings"("nhiId", "status");

-- CreateIndex
CREATE INDEX "findings_credentialId_status_idx" ON "findings"("credentialId", "status");

-- CreateIndex
CREATE INDEX "findings_type_status_idx" ON "findings"("type", "status");

-- CreateIndex
CREATE INDEX "review_items_reviewerId_decision_idx" ON "review_items"("reviewerId", "decision");

-- CreateIndex
CREATE UNIQUE INDEX "review_items_campaignId_nhiId_key" ON "review_items"("campaignId", "nhiId");


-- The audit trail is append-only: the database itself refuses to change or remove an event.
CREATE TRIGGER "audit_events_refuse_update" BEFORE UPDATE ON "audit_events"
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is refused');
END;

CREATE TRIGGER "audit_events_refuse_delete" BEFORE DELETE ON "audit_events"
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: DELETE is refused');
END;

-- The chain starts from the genesis hash (64 zeros) at seq 0.
INSERT INTO "audit_chain_head" ("id", "seq", "hash", "updatedAt")
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
