-- DropIndex
DROP INDEX "audit_events_hash_key";

