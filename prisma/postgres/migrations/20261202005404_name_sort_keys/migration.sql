-- DropIndex
DROP INDEX "nhis_name_idx";

-- AlterTable
ALTER TABLE "credentials" ADD COLUMN     "nameKey" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "humans" ADD COLUMN     "nameKey" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "nhis" ADD COLUMN     "nameKey" TEXT NOT NULL DEFAULT '';

-- Fill from the existing names
UPDATE "credentials" SET "nameKey" = lower("name");
UPDATE "humans" SET "nameKey" = lower("name");
UPDATE "nhis" SET "nameKey" = lower("name");

-- CreateIndex
CREATE INDEX "credentials_nameKey_idx" ON "credentials"("nameKey");

-- CreateIndex
CREATE INDEX "humans_nameKey_idx" ON "humans"("nameKey");

-- CreateIndex
CREATE INDEX "nhis_nameKey_idx" ON "nhis"("nameKey");

