import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Building and starting the Next.js app from a command-line entry point (demo, bench). */

const root = process.cwd();
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
const nextBin = () => createRequire(join(root, 'package.json')).resolve('next/dist/bin/next');

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

/** Runs `next build` unless the sources are unchanged since the last build made here. */
export function ensureBuilt(): void {
  const fingerprint = sourceFingerprint();
  if (existsSync(FINGERPRINT_FILE) && readFileSync(FINGERPRINT_FILE, 'utf8') === fingerprint) {
    console.log('The build is up to date.');
    return;
  }
  const result = spawnSync(process.execPath, [nextBin(), 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('next build failed');
  writeFileSync(FINGERPRINT_FILE, fingerprint);
}

/** Starts the built app with our own server (lib/cli/serve.ts), as `npm start` does. */
export function startNext(port: number, env: NodeJS.ProcessEnv, quiet = false): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'lib', 'cli', 'serve.ts'), '-p', String(port)], {
    stdio: quiet ? 'ignore' : 'inherit',
    env: { ...env, NEXT_TELEMETRY_DISABLED: '1' },
  });
}

export async function waitForHealth(url: string, deadlineMs: number): Promise<void> {
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
