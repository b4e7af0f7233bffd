// Shared helpers for the database tooling scripts (generate, new migration, drift check).
// These drive Prisma's CLI, which needs its schema engine: see README, "Working on the data model".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPostgresCluster, withDatabase } from '../tests/support/postgres-cluster.mjs';

export const FLAVORS = ['sqlite', 'postgres'];

export function runPrisma(args, databaseUrl) {
  return execFileSync('npx', ['prisma', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function schemaEngineAvailable() {
  return Boolean(process.env.PRISMA_SCHEMA_ENGINE_BINARY);
}

/** An empty database of the flavor; call `drop()` when done. */
export async function scratchDatabase(flavor) {
  if (flavor === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'steward-scratch-'));
    return { url: `file:${join(dir, 'scratch.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = await startPostgresCluster();
  if (!server) throw new Error('PostgreSQL server binaries not found: install postgresql or set TEST_POSTGRES_URL');
  const name = `steward_scratch_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: withDatabase(server.url, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
      await server.stop();
    },
  };
}

/** Applies the committed migrations with Steward's own migrator (the one `npm run demo` uses). */
export function applyMigrations(databaseUrl) {
  execFileSync('npx', ['tsx', 'lib/cli/migrate.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'pipe',
  });
}
