import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../../lib/db/migrate';
import { startPostgresCluster, withDatabase } from './postgres-cluster.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: { flavor: 'sqlite' | 'postgres'; url: string };
  }
}

const TEMPLATE_NAME = 'steward_template';

/** Migrates one template database per run; every test file then gets its own copy of it. */
export default async function setup(project: TestProject) {
  const flavor = project.config.env.STEWARD_TEST_FLAVOR === 'postgres' ? 'postgres' : 'sqlite';
  if (flavor === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'steward-test-'));
    const url = `file:${join(dir, 'template.db')}`;
    await migrateDatabase(url);
    project.provide('templateDatabase', { flavor, url });
    return () => rmSync(dir, { recursive: true, force: true });
  }
  const server = await startPostgresCluster();
  if (!server)
    throw new Error('PostgreSQL is required for the integration-postgres suite: install it or set TEST_POSTGRES_URL');
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_NAME}`);
  await admin.end();
  await migrateDatabase(withDatabase(server.url, TEMPLATE_NAME));
  project.provide('templateDatabase', { flavor, url: server.url });
  return () => server.stop();
}
