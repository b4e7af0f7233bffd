import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { findPostgresBin, startPostgresCluster, withDatabase } from '../../support/postgres-cluster.mjs';
import { freePort, startProcess, stopProcess, waitForOk, type Started } from './processes';
import { seedFlow, type SeededFlow } from './scope-flow-children';

const START_TIMEOUT_MS = 60_000;

/** PostgreSQL can be had here: a server named by TEST_POSTGRES_URL, or binaries to start a cluster with. */
export function postgresAvailable(): boolean {
  return Boolean(process.env.TEST_POSTGRES_URL || findPostgresBin());
}

export type PostgresApp = { baseURL: string; databaseUrl: string; seeded: SeededFlow; stop: () => Promise<void> };

/**
 * A second Steward on the built app over a fresh PostgreSQL database: a throwaway cluster, a database of its
 * own, migrated and seeded for the task-scope flow, and `npm start` on a free port. `stop` undoes all of it, and
 * so does a failure half-way.
 */
export async function startPostgresApp(root: string): Promise<PostgresApp> {
  const undo: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of undo.reverse()) await step();
  };
  try {
    const cluster = await startPostgresCluster();
    if (!cluster) throw new Error('PostgreSQL is not installed: install it or set TEST_POSTGRES_URL.');
    undo.push(cluster.stop);
    const name = `steward_e2e_${randomUUID().replaceAll('-', '')}`;
    await onServer(cluster.url, `CREATE DATABASE ${name}`);
    undo.push(() => onServer(cluster.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    const databaseUrl = withDatabase(cluster.url, name);
    const seeded = await seedFlow({ root, databaseUrl }, { fresh: true });

    const logDir = join(root, 'test-results', 'e2e-servers');
    mkdirSync(logDir, { recursive: true });
    const port = await freePort();
    const baseURL = `http://localhost:${port}`;
    const app: Started = startProcess(
      'npm start on PostgreSQL',
      ['--import', 'tsx', join(root, 'lib/cli/serve.ts'), '-p', String(port), '-H', '127.0.0.1'],
      {
        cwd: root,
        logFile: join(logDir, 'scope-flow-postgres.log'),
        env: {
          ...process.env,
          NEXT_TELEMETRY_DISABLED: '1',
          NODE_ENV: 'production',
          DATABASE_URL: databaseUrl,
          NEXTAUTH_URL: baseURL,
          NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
        },
      },
    );
    undo.push(() => stopProcess(app));
    await waitForOk(`http://127.0.0.1:${port}/api/health`, app, START_TIMEOUT_MS);
    return { baseURL, databaseUrl, seeded, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
