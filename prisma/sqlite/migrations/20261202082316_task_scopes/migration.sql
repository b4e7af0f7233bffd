-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "lastError" TEXT,
    "lastStatus" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME
);

-- CreateTable
CREATE TABLE "unknown_token_windows" (
    "clientKey" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "eventSeq" INTEGER,

    PRIMARY KEY ("clientKey", "windowStart")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_scope_requests" (
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
    "requestedResources" TEXT,
    "maxUses" INTEGER,
    "useCount" INTEGER NOT NULL DEFAULT 0,
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
INSERT INTO "new_scope_requests" ("actions", "approvedTtlSeconds", "completedAt", "decidedAt", "denialReason", "expiresAt", "id", "initiatorId", "justification", "needsSecurityApproval", "nhiId", "requestedAt", "requestedTtlSeconds", "resources", "revocationReason", "revokedAt", "revokedById", "riskScore", "stateChanging", "status", "task", "updatedAt") SELECT "actions", "approvedTtlSeconds", "completedAt", "decidedAt", "denialReason", "expiresAt", "id", "initiatorId", "justification", "needsSecurityApproval", "nhiId", "requestedAt", "requestedTtlSeconds", "resources", "revocationReason", "revokedAt", "revokedById", "riskScore", "stateChanging", "status", "task", "updatedAt" FROM "scope_requests";
DROP TABLE "scope_requests";
ALTER TABLE "new_scope_requests" RENAME TO "scope_requests";
CREATE INDEX "scope_requests_nhiId_status_idx" ON "scope_requests"("nhiId", "status");
CREATE INDEX "scope_requests_status_requestedAt_idx" ON "scope_requests"("status", "requestedAt");
CREATE INDEX "scope_requests_status_expiresAt_idx" ON "scope_requests"("status", "expiresAt");
CREATE INDEX "scope_requests_initiatorId_idx" ON "scope_requests"("initiatorId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "webhook_deliveries_status_nextAttemptAt_idx" ON "webhook_deliveries"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "webhook_deliveries_createdAt_idx" ON "webhook_deliveries"("createdAt");

-- CreateIndex
CREATE INDEX "unknown_token_windows_windowStart_idx" ON "unknown_token_windows"("windowStart");

