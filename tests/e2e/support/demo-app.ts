import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { freePort, runToCompletion, startProcess, stopProcess, waitForOk } from './processes';
import { waitForHydration } from './app';

export { LONG_NAMED } from './long-names';

/** The documented demo sign-ins (lib/demo/catalog.ts). */
export const DEMO_PASSWORD = 'steward-demo';
export const DEMO_SECURITY = 'security@acme.example';
export const DEMO_ADMIN = 'admin@acme.example';

export type DemoApp = { baseURL: string; stop: () => Promise<void> };

const SEED_TIMEOUT_MS = 180_000;
const START_TIMEOUT_MS = 60_000;

/**
 * A second Steward on the built app, over its own database seeded with the demo organisation: the specs that
 * judge layouts need a demo-sized inventory, and the shared fixture stays as small as the other specs expect.
 */
export async function startDemoApp(root: string): Promise<DemoApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-e2e-demo-'));
  const logDir = join(root, 'test-results', 'e2e-servers');
  mkdirSync(logDir, { recursive: true });
  const databaseUrl = `file:${join(dataDir, 'demo.db')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: databaseUrl,
    STEWARD_CHECKPOINT_KEY_FILE: join(dataDir, 'checkpoint-key.pem'),
  };
  // The demo seeder refuses to run in production, as it should; the server below runs as one.
  const seedEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: 'development' };
  await runToCompletion(
    ['--conditions=react-server', '--import', 'tsx', join(root, 'tests/e2e/support/seed-demo.ts')],
    {
      cwd: root,
      env: seedEnv,
      timeoutMs: SEED_TIMEOUT_MS,
    },
  );
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const app = startProcess(
    'demo app',
    ['--import', 'tsx', join(root, 'lib/cli/serve.ts'), '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: root,
      logFile: join(logDir, 'demo-app.log'),
      env: { ...env, NODE_ENV: 'production', NEXTAUTH_URL: baseURL, NEXTAUTH_SECRET: randomBytes(32).toString('hex') },
    },
  );
  try {
    await waitForOk(`http://127.0.0.1:${port}/api/health`, app, START_TIMEOUT_MS);
  } catch (error) {
    await stopProcess(app);
    throw error;
  }
  return {
    baseURL,
    stop: async () => {
      await stopProcess(app);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in to the demo app with a documented demo account and waits for the overview. */
export async function signInToDemo(page: Page, baseURL: string, email: string): Promise<void> {
  await page.goto(`${baseURL}/signin`);
  await waitForHydration(page);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(`${baseURL}/`);
  await waitForHydration(page);
}
