import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, readMigrations } from '../../lib/db/migrate';
import { testFlavor } from '../support/flavor';

const dir = mkdtempSync(join(tmpdir(), 'steward-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(testFlavor() === 'sqlite')('upgrading a populated SQLite database', () => {
  it('keeps every row and every reference when a later migration redefines tables', async () => {
    const file = join(dir, 'upgrade.db');
    const [first, ...later] = readMigrations('sqlite');
    expect(later.length).toBeGreaterThan(0);
    const db = new Database(file);
    db.exec(first.sql);
    db.prepare(
      `INSERT INTO humans (id, email, name, status, createdAt, updatedAt) VALUES ('h1', 'ada@acme.example', 'Ada', 'ACTIVE', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    ).run();
    db.prepare(
      `INSERT INTO nhis (id, system, externalId, name, kind, environment, status, sponsorId, createdAt, updatedAt) VALUES ('n1', 'github', 'app-1', 'deploy-bot', 'BOT', 'production', 'ACTIVE', 'h1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    ).run();
    db.prepare(
      `INSERT INTO credentials (id, kind, name, system, fingerprint, status, subjectHumanId, holderNhiId, issuedAt, createdAt, updatedAt) VALUES ('c1', 'PERSONAL_ACCESS_TOKEN', 'ada pat', 'github', 'sha256:1', 'ACTIVE', 'h1', 'n1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    ).run();
    db.exec(
      `CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
    );
    db.prepare(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name) VALUES ('m1', ?, current_timestamp, ?)`,
    ).run(first.checksum, first.name);
    db.close();

    expect(await migrateDatabase(`file:${file}`)).toEqual(later.map((migration) => migration.name));

    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT sponsorId FROM nhis WHERE id = ?').get('n1')).toEqual({ sponsorId: 'h1' });
    expect(after.prepare('SELECT subjectHumanId, holderNhiId FROM credentials WHERE id = ?').get('c1')).toEqual({
      subjectHumanId: 'h1',
      holderNhiId: 'n1',
    });
    after.close();
  });
});
