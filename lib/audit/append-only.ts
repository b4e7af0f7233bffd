import 'server-only';
import { databaseFlavor, type Db, type DatabaseFlavor } from '../db';

/**
 * The triggers by which the database itself refuses to change or remove an audit event (created by the first
 * migration of each flavor). A table redefinition on SQLite drops them without a word, so Steward checks them at
 * startup, in its health check and in `npm run verify`.
 */
export const APPEND_ONLY_TRIGGERS: Record<DatabaseFlavor, readonly string[]> = {
  sqlite: ['audit_events_refuse_update', 'audit_events_refuse_delete'],
  postgres: ['audit_events_refuse_update_delete', 'audit_events_refuse_truncate'],
};

/** Triggers on audit_events whose body still refuses the change (RAISE(ABORT …)). */
async function sqliteTriggers(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ name: string; sql: string | null }[]>(
    `SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'trigger' AND "tbl_name" = 'audit_events'`,
  );
  return rows.filter((row) => /RAISE\s*\(\s*ABORT/i.test(row.sql ?? '')).map((row) => row.name);
}

/** Enabled triggers on audit_events (in this schema) whose function raises an exception. */
async function postgresTriggers(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT t."tgname" AS "name" FROM "pg_trigger" t
       JOIN "pg_class" c ON c."oid" = t."tgrelid"
       JOIN "pg_proc" p ON p."oid" = t."tgfoid"
      WHERE c."relname" = 'audit_events' AND c."relnamespace" = current_schema()::regnamespace
        AND NOT t."tgisinternal" AND t."tgenabled" IN ('O', 'A') AND p."prosrc" ~* 'raise\\s+exception'`,
  );
  return rows.map((row) => row.name);
}

/** The append-only triggers that are missing, disabled or no longer refuse: none on a sound database. */
export async function missingAppendOnlyTriggers(db: Db): Promise<string[]> {
  const flavor = databaseFlavor();
  const present = new Set(flavor === 'sqlite' ? await sqliteTriggers(db) : await postgresTriggers(db));
  return APPEND_ONLY_TRIGGERS[flavor].filter((name) => !present.has(name));
}

export function unprotectedTrailMessage(missing: readonly string[]): string {
  return (
    `The audit trail is not append-only: the database lacks the trigger(s) ${missing.join(', ')} on audit_events ` +
    `(a table redefinition on SQLite drops them). Recreate them as prisma/${databaseFlavor()}/migrations/` +
    `20261122000000_init/migration.sql does, then run npm run verify.`
  );
}
