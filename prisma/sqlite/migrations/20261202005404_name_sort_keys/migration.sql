-- Columns added in place (no table redefinition), then filled from the existing names.
DROP INDEX "nhis_name_idx";

ALTER TABLE "credentials" ADD COLUMN "nameKey" TEXT NOT NULL DEFAULT '';
ALTER TABLE "humans" ADD COLUMN "nameKey" TEXT NOT NULL DEFAULT '';
ALTER TABLE "nhis" ADD COLUMN "nameKey" TEXT NOT NULL DEFAULT '';

UPDATE "credentials" SET "nameKey" = lower("name");
UPDATE "humans" SET "nameKey" = lower("name");
UPDATE "nhis" SET "nameKey" = lower("name");

CREATE INDEX "credentials_nameKey_idx" ON "credentials"("nameKey");
CREATE INDEX "humans_nameKey_idx" ON "humans"("nameKey");
CREATE INDEX "nhis_nameKey_idx" ON "nhis"("nameKey");
