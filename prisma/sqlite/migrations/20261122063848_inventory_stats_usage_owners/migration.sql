-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN "environment" TEXT;

-- CreateTable
CREATE TABLE "nhi_owners" (
    "nhiId" TEXT NOT NULL,
    "humanId" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("nhiId", "humanId"),
    CONSTRAINT "nhi_owners_nhiId_fkey" FOREIGN KEY ("nhiId") REFERENCES "nhis" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "nhi_owners_humanId_fkey" FOREIGN KEY ("humanId") REFERENCES "humans" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "credential_usages" (
    "credentialId" TEXT NOT NULL,
    "executorKey" TEXT NOT NULL,
    "executorLabel" TEXT,
    "environment" TEXT NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "lastEventSeq" INTEGER NOT NULL,

    PRIMARY KEY ("credentialId", "executorKey", "environment"),
    CONSTRAINT "credential_usages_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "credentials" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_credentials" (
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
    "searchText" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "credentials_subjectHumanId_fkey" FOREIGN KEY ("subjectHumanId") REFERENCES "humans" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "credentials_subjectNhiId_fkey" FOREIGN KEY ("subjectNhiId") REFERENCES "nhis" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "credentials_holderNhiId_fkey" FOREIGN KEY ("holderNhiId") REFERENCES "nhis" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "credentials_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "humans" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_credentials" ("createdAt", "environment", "expiresAt", "fingerprint", "holderNhiId", "id", "issuedAt", "kind", "lastRotatedAt", "lastUsedAt", "name", "revocationReason", "revokedAt", "revokedById", "status", "subjectHumanId", "subjectNhiId", "system", "updatedAt") SELECT "createdAt", "environment", "expiresAt", "fingerprint", "holderNhiId", "id", "issuedAt", "kind", "lastRotatedAt", "lastUsedAt", "name", "revocationReason", "revokedAt", "revokedById", "status", "subjectHumanId", "subjectNhiId", "system", "updatedAt" FROM "credentials";
DROP TABLE "credentials";
ALTER TABLE "new_credentials" RENAME TO "credentials";
CREATE UNIQUE INDEX "credentials_fingerprint_key" ON "credentials"("fingerprint");
CREATE INDEX "credentials_kind_idx" ON "credentials"("kind");
CREATE INDEX "credentials_status_idx" ON "credentials"("status");
CREATE INDEX "credentials_issuedAt_idx" ON "credentials"("issuedAt");
CREATE INDEX "credentials_lastUsedAt_idx" ON "credentials"("lastUsedAt");
CREATE INDEX "credentials_system_idx" ON "credentials"("system");
CREATE INDEX "credentials_subjectHumanId_idx" ON "credentials"("subjectHumanId");
CREATE INDEX "credentials_subjectNhiId_idx" ON "credentials"("subjectNhiId");
CREATE INDEX "credentials_holderNhiId_idx" ON "credentials"("holderNhiId");
CREATE INDEX "credentials_expiresAt_idx" ON "credentials"("expiresAt");
CREATE TABLE "new_humans" (
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
    "searchText" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "humans_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "humans" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_humans" ("createdAt", "department", "email", "id", "lastSignInAt", "managerId", "name", "offboardedAt", "passwordHash", "role", "signInDisabledAt", "status", "title", "updatedAt") SELECT "createdAt", "department", "email", "id", "lastSignInAt", "managerId", "name", "offboardedAt", "passwordHash", "role", "signInDisabledAt", "status", "title", "updatedAt" FROM "humans";
DROP TABLE "humans";
ALTER TABLE "new_humans" RENAME TO "humans";
CREATE UNIQUE INDEX "humans_email_key" ON "humans"("email");
CREATE INDEX "humans_role_idx" ON "humans"("role");
CREATE INDEX "humans_status_idx" ON "humans"("status");
CREATE INDEX "humans_managerId_idx" ON "humans"("managerId");
CREATE TABLE "new_nhis" (
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
    "searchText" TEXT NOT NULL DEFAULT '',
    "credentialCount" INTEGER NOT NULL DEFAULT 0,
    "standingCredentialCount" INTEGER NOT NULL DEFAULT 0,
    "borrowedCredentialCount" INTEGER NOT NULL DEFAULT 0,
    "openFindingCount" INTEGER NOT NULL DEFAULT 0,
    "highestSeverityRank" INTEGER NOT NULL DEFAULT 0,
    "orphaned" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "nhis_sponsorId_fkey" FOREIGN KEY ("sponsorId") REFERENCES "humans" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_nhis" ("createdAt", "description", "discoveredAt", "environment", "externalId", "id", "kind", "lastSeenAt", "name", "sponsorId", "status", "system", "updatedAt") SELECT "createdAt", "description", "discoveredAt", "environment", "externalId", "id", "kind", "lastSeenAt", "name", "sponsorId", "status", "system", "updatedAt" FROM "nhis";
DROP TABLE "nhis";
ALTER TABLE "new_nhis" RENAME TO "nhis";
CREATE INDEX "nhis_kind_idx" ON "nhis"("kind");
CREATE INDEX "nhis_status_idx" ON "nhis"("status");
CREATE INDEX "nhis_sponsorId_idx" ON "nhis"("sponsorId");
CREATE INDEX "nhis_name_idx" ON "nhis"("name");
CREATE INDEX "nhis_system_idx" ON "nhis"("system");
CREATE INDEX "nhis_environment_idx" ON "nhis"("environment");
CREATE INDEX "nhis_lastSeenAt_idx" ON "nhis"("lastSeenAt");
CREATE INDEX "nhis_orphaned_idx" ON "nhis"("orphaned");
CREATE INDEX "nhis_borrowedCredentialCount_idx" ON "nhis"("borrowedCredentialCount");
CREATE INDEX "nhis_highestSeverityRank_idx" ON "nhis"("highestSeverityRank");
CREATE INDEX "nhis_credentialCount_idx" ON "nhis"("credentialCount");
CREATE UNIQUE INDEX "nhis_system_externalId_key" ON "nhis"("system", "externalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "nhi_owners_humanId_idx" ON "nhi_owners"("humanId");

