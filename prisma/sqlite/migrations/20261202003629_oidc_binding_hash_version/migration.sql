-- AlterTable
ALTER TABLE "humans" ADD COLUMN "oidcIssuer" TEXT;
ALTER TABLE "humans" ADD COLUMN "oidcSubject" TEXT;

-- AlterTable: a column added in place, never a table redefinition, which would drop the append-only triggers.
ALTER TABLE "audit_events" ADD COLUMN "hashVersion" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE UNIQUE INDEX "humans_oidcIssuer_oidcSubject_key" ON "humans"("oidcIssuer", "oidcSubject");
