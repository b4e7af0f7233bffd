-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "environment" TEXT;

-- AlterTable
ALTER TABLE "credentials" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "humans" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "nhis" ADD COLUMN     "borrowedCredentialCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "credentialCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "highestSeverityRank" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "openFindingCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "orphaned" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "standingCredentialCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "nhi_owners" (
    "nhiId" TEXT NOT NULL,
    "humanId" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "nhi_owners_pkey" PRIMARY KEY ("nhiId","humanId")
);

-- CreateTable
CREATE TABLE "credential_usages" (
    "credentialId" TEXT NOT NULL,
    "executorKey" TEXT NOT NULL,
    "executorLabel" TEXT,
    "environment" TEXT NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "lastEventSeq" INTEGER NOT NULL,

    CONSTRAINT "credential_usages_pkey" PRIMARY KEY ("credentialId","executorKey","environment")
);

-- CreateIndex
CREATE INDEX "nhi_owners_humanId_idx" ON "nhi_owners"("humanId");

-- CreateIndex
CREATE INDEX "credentials_issuedAt_idx" ON "credentials"("issuedAt");

-- CreateIndex
CREATE INDEX "credentials_lastUsedAt_idx" ON "credentials"("lastUsedAt");

-- CreateIndex
CREATE INDEX "credentials_system_idx" ON "credentials"("system");

-- CreateIndex
CREATE INDEX "nhis_system_idx" ON "nhis"("system");

-- CreateIndex
CREATE INDEX "nhis_environment_idx" ON "nhis"("environment");

-- CreateIndex
CREATE INDEX "nhis_lastSeenAt_idx" ON "nhis"("lastSeenAt");

-- CreateIndex
CREATE INDEX "nhis_orphaned_idx" ON "nhis"("orphaned");

-- CreateIndex
CREATE INDEX "nhis_borrowedCredentialCount_idx" ON "nhis"("borrowedCredentialCount");

-- CreateIndex
CREATE INDEX "nhis_highestSeverityRank_idx" ON "nhis"("highestSeverityRank");

-- CreateIndex
CREATE INDEX "nhis_credentialCount_idx" ON "nhis"("credentialCount");

-- AddForeignKey
ALTER TABLE "nhi_owners" ADD CONSTRAINT "nhi_owners_nhiId_fkey" FOREIGN KEY ("nhiId") REFERENCES "nhis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nhi_owners" ADD CONSTRAINT "nhi_owners_humanId_fkey" FOREIGN KEY ("humanId") REFERENCES "humans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credential_usages" ADD CONSTRAINT "credential_usages_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "credentials"("id") ON DELETE CASCADE ON UPDATE CASCADE;

