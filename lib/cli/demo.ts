import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, startNext, waitForHealth } from './next-app';
import { databaseUrl, flavorOf } from '../db/flavor';
import { migrateDatabase } from '../db/migrate';
import { disconnectDb, getDb } from '../db';
import { printDemoAccess } from '../demo/access';
import { DEMO_LOGS_FOLDER } from '../demo/logs';
import { importDemoLogs } from '../demo/logs/import';
import { databaseIsEmpty } from '../demo/seed';

/**
 * `npm run demo`: migrates the embedded database, seeds demo data and imports the demo's own audit logs
 * (demo/logs) when it is empty, builds when the sources changed since the last build, starts Steward on PORT
 * (3000) and prints the demo accounts and API keys.
 */

const root = process.cwd();
const port = Number(process.env.PORT ?? 3000);

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed`);
}

/** A stable session secret for the demo, kept beside the database so sessions survive restarts. */
function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = join(root, 'data', 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(join(root, 'data'), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

async function isDemoDatabase(): Promise<boolean> {
  const db = await getDb();
  const setting = await db.setting.findUnique({ where: { key: 'demo' } });
  return setting?.value === 'true';
}

/** Imports demo/logs into a freshly seeded database: observed borrowed credentials, look-alikes and discovered NHIs. */
async function importLogs(): Promise<void> {
  console.log(`Importing the demo logs in ${DEMO_LOGS_FOLDER}…`);
  let accepted = 0;
  await importDemoLogs({
    root,
    onFormat: ({ folder, files, summary }) => {
      accepted += summary.accepted;
      const rejected = summary.rejected.length ? `, ${summary.rejected.length} rejected` : '';
      console.log(`  ${folder}: ${summary.accepted} events from ${files.length} files${rejected}`);
    },
  });
  console.log(`Imported ${accepted} events and refreshed the borrowed-credential cases.`);
}

async function main(): Promise<void> {
  const url = databaseUrl();
  const applied = await migrateDatabase(url);
  console.log(
    applied.length
      ? `Migrated the ${flavorOf(url)} database (${applied.join(', ')}).`
      : `The ${flavorOf(url)} database is up to date.`,
  );

  const seeding = await databaseIsEmpty();
  const tsx = [process.execPath, '--conditions=react-server', '--import', 'tsx'];
  run(tsx[0], [...tsx.slice(1), 'lib/cli/seed.ts', '--if-empty']);
  if (seeding) await importLogs();

  ensureBuilt();

  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    NEXTAUTH_SECRET: authSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  };
  const server = startNext(port, env);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));

  await waitForHealth(`http://localhost:${port}/api/health`, 60_000);
  const demo = await isDemoDatabase();
  await disconnectDb();
  console.log(`\nSteward is running at ${env.NEXTAUTH_URL}  (Ctrl+C to stop)\n`);
  if (demo) printDemoAccess();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
