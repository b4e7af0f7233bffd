import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { disconnectDb } from '../../lib/db';
import { withDatabase } from './postgres-cluster.mjs';

/** Gives this test file a database of its own, a copy of the migrated template, before anything connects. */
const template = inject('templateDatabase');
let drop: () => Promise<void>;

/** Checkpoints are signed with a key of this file's own, never with one in the working tree. */
const keyDir = mkdtempSync(join(tmpdir(), 'steward-key-'));
process.env.STEWARD_CHECKPOINT_KEY_FILE = join(keyDir, 'checkpoint-key.pem');

if (template.flavor === 'sqlite') {
  const dir = mkdtempSync(join(tmpdir(), 'steward-file-'));
  copyFileSync(template.url.slice('file:'.length), join(dir, 'test.db'));
  process.env.DATABASE_URL = `file:${join(dir, 'test.db')}`;
  drop = async () => rmSync(dir, { recursive: true, force: true });
} else {
  const name = `steward_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE steward_template`);
  await admin.end();
  process.env.DATABASE_URL = withDatabase(template.url, name);
  drop = async () => {
    const client = new pg.Client({ connectionString: template.url });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
}

afterAll(async () => {
  await disconnectDb();
  await drop();
  rmSync(keyDir, { recursive: true, force: true });
});
