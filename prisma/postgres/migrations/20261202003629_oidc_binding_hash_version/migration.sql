-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "hashVersion" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "humans" ADD COLUMN     "oidcIssuer" TEXT,
ADD COLUMN     "oidcSubject" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "humans_oidcIssuer_oidcSubject_key" ON "humans"("oidcIssuer", "oidcSubject");

