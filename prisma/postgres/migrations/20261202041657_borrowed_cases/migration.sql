-- CreateEnum
CREATE TYPE "BorrowedCaseStatus" AS ENUM ('OPEN', 'ASSIGNED', 'MIGRATING', 'RESOLVED');

-- CreateEnum
CREATE TYPE "Confidence" AS ENUM ('HIGH', 'MEDIUM', 'LOW');

-- CreateTable
CREATE TABLE "person_aliases" (
    "system" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "humanId" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_aliases_pkey" PRIMARY KEY ("system","externalId")
);

-- CreateTable
CREATE TABLE "borrowed_cases" (
    "id" TEXT NOT NULL,
    "status" "BorrowedCaseStatus" NOT NULL DEFAULT 'OPEN',
    "confidence" "Confidence" NOT NULL,
    "flagged" BOOLEAN NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "suppressionId" TEXT,
    "humanId" TEXT,
    "humanLabel" TEXT NOT NULL,
    "humanEmail" TEXT,
    "humanExternalIds" TEXT NOT NULL,
    "credentialId" TEXT,
    "credentialKey" TEXT NOT NULL,
    "credentialKind" TEXT NOT NULL,
    "credentialExternalId" TEXT NOT NULL,
    "credentialFingerprint" TEXT,
    "agentNhiId" TEXT,
    "agents" TEXT NOT NULL,
    "sources" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "coverage" TEXT NOT NULL,
    "firstSeen" TIMESTAMP(3) NOT NULL,
    "lastSeen" TIMESTAMP(3) NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "interactiveEventCount" INTEGER NOT NULL,
    "assigneeId" TEXT,
    "credentialEndedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "borrowed_cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "borrowed_suppressions" (
    "id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "matchCredential" TEXT,
    "matchHuman" TEXT,
    "matchAgent" TEXT,
    "matchSource" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "liftedAt" TIMESTAMP(3),
    "liftedById" TEXT,

    CONSTRAINT "borrowed_suppressions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "person_aliases_humanId_idx" ON "person_aliases"("humanId");

-- CreateIndex
CREATE UNIQUE INDEX "borrowed_cases_credentialKey_key" ON "borrowed_cases"("credentialKey");

-- CreateIndex
CREATE INDEX "borrowed_cases_lastSeen_idx" ON "borrowed_cases"("lastSeen");

-- CreateIndex
CREATE INDEX "borrowed_cases_status_lastSeen_idx" ON "borrowed_cases"("status", "lastSeen");

-- CreateIndex
CREATE INDEX "borrowed_cases_flagged_lastSeen_idx" ON "borrowed_cases"("flagged", "lastSeen");

-- CreateIndex
CREATE INDEX "borrowed_cases_humanId_idx" ON "borrowed_cases"("humanId");

-- CreateIndex
CREATE INDEX "borrowed_cases_credentialId_idx" ON "borrowed_cases"("credentialId");

-- CreateIndex
CREATE INDEX "borrowed_cases_agentNhiId_idx" ON "borrowed_cases"("agentNhiId");

-- CreateIndex
CREATE INDEX "borrowed_cases_assigneeId_idx" ON "borrowed_cases"("assigneeId");

-- CreateIndex
CREATE INDEX "borrowed_suppressions_expiresAt_idx" ON "borrowed_suppressions"("expiresAt");

-- AddForeignKey
ALTER TABLE "person_aliases" ADD CONSTRAINT "person_aliases_humanId_fkey" FOREIGN KEY ("humanId") REFERENCES "humans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "borrowed_cases" ADD CONSTRAINT "borrowed_cases_humanId_fkey" FOREIGN KEY ("humanId") REFERENCES "humans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "borrowed_cases" ADD CONSTRAINT "borrowed_cases_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "credentials"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "borrowed_cases" ADD CONSTRAINT "borrowed_cases_agentNhiId_fkey" FOREIGN KEY ("agentNhiId") REFERENCES "nhis"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "borrowed_cases" ADD CONSTRAINT "borrowed_cases_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "humans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "borrowed_suppressions" ADD CONSTRAINT "borrowed_suppressions_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "humans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "borrowed_suppressions" ADD CONSTRAINT "borrowed_suppressions_liftedById_fkey" FOREIGN KEY ("liftedById") REFERENCES "humans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

