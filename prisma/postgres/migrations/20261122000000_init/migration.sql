-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "DashboardRole" AS ENUM ('ADMIN', 'SECURITY', 'SPONSOR', 'AUDITOR');

-- CreateEnum
CREATE TYPE "HumanStatus" AS ENUM ('ACTIVE', 'OFFBOARDED');

-- CreateEnum
CREATE TYPE "NhiKind" AS ENUM ('AI_AGENT', 'SERVICE_ACCOUNT', 'WORKLOAD', 'INTEGRATION', 'BOT', 'CI_PIPELINE');

-- CreateEnum
CREATE TYPE "NhiStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'DECOMMISSIONED', 'DISCOVERED');

-- CreateEnum
CREATE TYPE "CredentialKind" AS ENUM ('PASSWORD', 'SESSION_COOKIE', 'PERSONAL_ACCESS_TOKEN', 'OAUTH_GRANT', 'API_KEY', 'ACCESS_KEY', 'CERTIFICATE', 'SSH_KEY', 'TASK_TOKEN');

-- CreateEnum
CREATE TYPE "CredentialStatus" AS ENUM ('ACTIVE', 'EXPIRED', 'REVOKED');

-- CreateEnum
CREATE TYPE "ScopeStatus" AS ENUM ('PENDING', 'APPROVED', 'DENIED', 'COMPLETED', 'EXPIRED', 'REVOKED');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('APPROVE', 'DENY');

-- CreateEnum
CREATE TYPE "ApprovalStage" AS ENUM ('SPONSOR', 'SECURITY');

-- CreateEnum
CREATE TYPE "ApiKeyKind" AS ENUM ('AGENT', 'INGEST', 'ADMIN', 'AUDIT');

-- CreateEnum
CREATE TYPE "PrincipalType" AS ENUM ('HUMAN', 'NHI', 'SYSTEM', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "Attribution" AS ENUM ('HUMAN', 'AGENT_DELEGATED', 'AGENT_AUTONOMOUS', 'AGENT_BORROWED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('SUCCESS', 'FAILURE', 'DENIED');

-- CreateEnum
CREATE TYPE "FindingType" AS ENUM ('ORPHANED', 'LONG_LIVED_SECRET', 'STALE', 'BORROWED_HUMAN_CREDENTIAL', 'SHARED_CREDENTIAL', 'ENVIRONMENT_MIX');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('OPEN', 'ACCEPTED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "ReviewCampaignStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('PENDING', 'CERTIFIED', 'REVOKED');

-- CreateTable
CREATE TABLE "humans" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "department" TEXT,
    "status" "HumanStatus" NOT NULL DEFAULT 'ACTIVE',
    "role" "DashboardRole",
    "passwordHash" TEXT,
    "signInDisabledAt" TIMESTAMP(3),
    "lastSignInAt" TIMESTAMP(3),
    "offboardedAt" TIMESTAMP(3),
    "managerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "humans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "nhis" (
    "id" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "NhiKind" NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'unknown',
    "status" "NhiStatus" NOT NULL DEFAULT 'ACTIVE',
    "description" TEXT,
    "sponsorId" TEXT,
    "lastSeenAt" TIMESTAMP(3),
    "discoveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "nhis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credentials" (
    "id" TEXT NOT NULL,
    "kind" "CredentialKind" NOT NULL,
    "name" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "environment" TEXT,
    "status" "CredentialStatus" NOT NULL DEFAULT 'ACTIVE',
    "subjectHumanId" TEXT,
    "subjectNhiId" TEXT,
    "holderNhiId" TEXT,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "lastRotatedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "revocationReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "credentials_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scope_requests" (
    "id" TEXT NOT NULL,
    "nhiId" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "actions" TEXT NOT NULL,
    "resources" TEXT NOT NULL,
    "requestedTtlSeconds" INTEGER NOT NULL,
    "approvedTtlSeconds" INTEGER,
    "initiatorId" TEXT,
    "status" "ScopeStatus" NOT NULL DEFAULT 'PENDING',
    "stateChanging" BOOLEAN NOT NULL DEFAULT false,
    "riskScore" INTEGER NOT NULL DEFAULT 0,
    "needsSecurityApproval" BOOLEAN NOT NULL DEFAULT false,
    "denialReason" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "revocationReason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "scope_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scope_approvals" (
    "id" TEXT NOT NULL,
    "scopeRequestId" TEXT NOT NULL,
    "approverId" TEXT NOT NULL,
    "stage" "ApprovalStage" NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scope_approvals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_tokens" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "scopeRequestId" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "task_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "kind" "ApiKeyKind" NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "nhiId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "seq" INTEGER NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "sourceEventId" TEXT,
    "action" TEXT NOT NULL,
    "resource" TEXT,
    "outcome" "AuditOutcome" NOT NULL,
    "initiatorType" "PrincipalType" NOT NULL,
    "initiatorId" TEXT,
    "initiatorLabel" TEXT,
    "executorType" "PrincipalType" NOT NULL,
    "executorId" TEXT,
    "executorLabel" TEXT,
    "credentialId" TEXT,
    "credentialKind" "CredentialKind",
    "credentialSubjectType" "PrincipalType",
    "attribution" "Attribution" NOT NULL,
    "scopeId" TEXT,
    "details" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_daily_rollups" (
    "day" TEXT NOT NULL,
    "attribution" "Attribution" NOT NULL,
    "outcome" "AuditOutcome" NOT NULL,
    "initiatorType" "PrincipalType" NOT NULL,
    "executorType" "PrincipalType" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "audit_daily_rollups_pkey" PRIMARY KEY ("day","attribution","outcome","initiatorType","executorType")
);

-- CreateTable
CREATE TABLE "findings" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "type" "FindingType" NOT NULL,
    "severity" "Severity" NOT NULL,
    "status" "FindingStatus" NOT NULL DEFAULT 'OPEN',
    "nhiId" TEXT,
    "credentialId" TEXT,
    "title" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "controls" TEXT NOT NULL,
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "acceptedReason" TEXT,
    "acceptedUntil" TIMESTAMP(3),
    "acceptedById" TEXT,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "findings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_campaigns" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "status" "ReviewCampaignStatus" NOT NULL DEFAULT 'OPEN',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "review_campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_items" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "nhiId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "decision" "ReviewDecision" NOT NULL DEFAULT 'PENDING',
    "note" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "review_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_throttles" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "windowStartsAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
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

-- AddForeignKey
ALTER TABLE "humans" ADD CONSTRAINT "humans_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "humans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nhis" ADD CONSTRAINT "nhis_sponsorId_fkey" FOREIGN KEY ("sponsorId") REFERENCES "humans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_subjectHumanId_fkey" FOREIGN KEY ("subjectHumanId") REFERENCES "humans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_subjectNhiId_fkey" FOREIGN KEY ("subjectNhiId") REFERENCES "nhis"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_holderNhiId_fkey" FOREIGN KEY ("holderNhiId") REFERENCES "nhis"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "humans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scope_requests" ADD CONSTRAINT "scope_requests_nhiId_fkey" FOREIGN KEY ("nhiId") REFERENCES "nhis"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scope_requests" ADD CONSTRAINT "scope_requests_initiatorId_fkey" FOREIGN KEY ("initiatorId") REFERENCES "humans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scope_requests" ADD CONSTRAINT "scope_requests_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "humans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scope_approvals" ADD CONSTRAINT "scope_approvals_scopeRequestId_fkey" FOREIGN KEY ("scopeRequestId") REFERENCES "scope_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scope_approvals" ADD CONSTRAINT "scope_approvals_approverId_fkey" FOREIGN KEY ("approverId") REFERENCES "humans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_tokens" ADD CONSTRAINT "task_tokens_scopeRequestId_fkey" FOREIGN KEY ("scopeRequestId") REFERENCES "scope_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_tokens" ADD CONSTRAINT "task_tokens_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "credentials"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_nhiId_fkey" FOREIGN KEY ("nhiId") REFERENCES "nhis"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "humans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "humans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "findings" ADD CONSTRAINT "findings_nhiId_fkey" FOREIGN KEY ("nhiId") REFERENCES "nhis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "findings" ADD CONSTRAINT "findings_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "credentials"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "findings" ADD CONSTRAINT "findings_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "humans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_campaigns" ADD CONSTRAINT "review_campaigns_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "humans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "review_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_nhiId_fkey" FOREIGN KEY ("nhiId") REFERENCES "nhis"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "humans"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The audit trail is append-only: the database itself refuses to change or remove an event.
CREATE FUNCTION "audit_events_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_events_refuse_update_delete" BEFORE UPDATE OR DELETE ON "audit_events"
    FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();

CREATE TRIGGER "audit_events_refuse_truncate" BEFORE TRUNCATE ON "audit_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();

-- The chain starts from the genesis hash (64 zeros) at seq 0.
INSERT INTO "audit_chain_head" ("id", "seq", "hash", "updatedAt")
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', CURRENT_TIMESTAMP);
