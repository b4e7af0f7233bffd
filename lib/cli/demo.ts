import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { databaseUrl, flavorOf } from '../db/flavor';
import { migrateDatabase } from '../db/migrate';
import { disconnectDb, getDb } from '../db';
import { printDemoAccess } from '../demo/access';

/**
 * `npm run demo`: migrates the embedded database, seeds demo data when it is empty, builds when the sources
 * changed since the last build, starts Steward on PORT (3000) and prints the demo accounts and API keys.
 */

const root = process.cwd();
const port = Number(process.env.PORT ?? 3000);
const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];
const FINGERPRINT_FILE = join(root, '.next', 'steward-source-fingerprint');

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

function sourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of BUILD_INPUTS.flatMap((input) => filesUnder(join(root, input))).sort()) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${file}:${size}:${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
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

async function waitForHealth(url: string, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Steward did not answer at ${url}`);
}

async function main(): Promise<void> {
  const url = databaseUrl();
  const applied = await migrateDatabase(url);
  console.log(
    applied.length
      ? `Migrated the ${flavorOf(url)} database (${applied.join(', ')}).`
      : `The ${flavorOf(url)} database is up to date.`,
  );

  const tsx = [process.execPath, '--conditions=react-server', '--import', 'tsx'];
  run(tsx[0], [...tsx.slice(1), 'lib/cli/seed.ts', '--if-empty']);

  const fingerprint = sourceFingerprint();
  const built = existsSync(FINGERPRINT_FILE) && readFileSync(FINGERPRINT_FILE, 'utf8') === fingerprint;
  const next = createRequire(join(root, 'package.json')).resolve('next/dist/bin/next');
  if (built) console.log('The build is up to date.');
  else {
    run(process.execPath, [next, 'build']);
    writeFileSync(FINGERPRINT_FILE, fingerprint);
  }

  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    NEXTAUTH_SECRET: authSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  };
  const server = spawn(process.execPath, [next, 'start', '-p', String(port)], { stdio: 'inherit', env });
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
