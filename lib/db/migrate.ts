import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { flavorOf, sqliteFilePath, type DatabaseFlavor } from './flavor';

/**
 * Applies the SQL migrations in prisma/<flavor>/migrations that the database has not seen, in order.
 * It keeps Prisma Migrate's own bookkeeping table, so `prisma migrate status` and `deploy` agree with it,
 * and it needs no Prisma engine. Each migration script is sent whole (PL/pgSQL bodies keep their semicolons).
 */

type Migration = { name: string; sql: string; checksum: string };

const PRISMA_MIGRATE_LOCK_ID = 72707369;

export function migrationsDir(flavor: DatabaseFlavor, root = process.cwd()): string {
  return join(root, 'prisma', flavor, 'migrations');
}

export function readMigrations(flavor: DatabaseFlavor, root = process.cwd()): Migration[] {
  const dir = migrationsDir(flavor, root);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const SQLITE_BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
  "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

const POSTGRES_BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

function assertUnchanged(applied: Map<string, string>, migrations: Migration[]): void {
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum && checksum !== migration.checksum) {
      throw new Error(`Migration ${migration.name} was edited after it was applied; add a new migration instead.`);
    }
  }
}

function migrateSqlite(url: string, migrations: Migration[]): string[] {
  const file = sqliteFilePath(url);
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.exec(SQLITE_BOOKKEEPING);
    const rows = db
      .prepare(
        'SELECT migration_name, checksum FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL',
      )
      .all() as { migration_name: string; checksum: string }[];
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    assertUnchanged(applied, migrations);
    const pending = migrations.filter((migration) => !applied.has(migration.name));
    const record = db.prepare(
      'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
    );
    // Table redefinitions drop and recreate tables. With foreign keys on, dropping a parent table would fire
    // its ON DELETE actions on every child row, and PRAGMA foreign_keys is ignored inside a transaction: so
    // they are switched off around the transaction, and checked before it commits.
    db.pragma('foreign_keys = OFF');
    try {
      for (const migration of pending) {
        const startedAt = new Date().toISOString();
        db.transaction(() => {
          db.exec(migration.sql);
          const violations = db.pragma('foreign_key_check') as unknown[];
          if (violations.length > 0)
            throw new Error(`Migration ${migration.name} breaks ${violations.length} foreign keys.`);
          record.run(randomUUID(), migration.checksum, new Date().toISOString(), migration.name, startedAt);
        })();
      }
    } finally {
      db.pragma('foreign_keys = ON');
    }
    return pending.map((migration) => migration.name);
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Several Steward instances may start at once: one migrates, the others wait and then find nothing to do.
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_ID]);
    await client.query(POSTGRES_BOOKKEEPING);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL',
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    assertUnchanged(applied, migrations);
    const pending = migrations.filter((migration) => !applied.has(migration.name));
    for (const migration of pending) {
      const startedAt = new Date();
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(
          'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)',
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return pending.map((migration) => migration.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

/** Brings the database at `url` up to date; returns the names of the migrations it applied. */
export async function migrateDatabase(url: string, root = process.cwd()): Promise<string[]> {
  const flavor = flavorOf(url);
  const migrations = readMigrations(flavor, root);
  return flavor === 'sqlite' ? migrateSqlite(url, migrations) : migratePostgres(url, migrations);
}
