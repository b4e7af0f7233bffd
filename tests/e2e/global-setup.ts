import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { ENV, OIDC_DISPLAY_NAME } from './support/environment';
import { freePort, runToCompletion, startProcess, stopProcess, waitForOk, type Started } from './support/processes';
import { rememberServers } from './support/servers';

const SEED_TIMEOUT_MS = 60_000;
const OIDC_START_TIMEOUT_MS = 30_000;
const APP_START_TIMEOUT_MS = 60_000;

/**
 * Seeds a fresh SQLite database, starts the OpenID Connect provider and `next start` on free loopback
 * ports, and waits until both answer. The app must have been built (`next build`) beforehand.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const root = config.configFile ? dirname(config.configFile) : process.cwd();
  if (!existsSync(join(root, '.next', 'BUILD_ID'))) {
    throw new Error('The app is not built: run `npx next build` first (`npm run test:e2e` does both).');
  }
  const logDir = join(root, 'test-results', 'e2e-servers');
  mkdirSync(logDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-e2e-'));
  const started: Started[] = [];

  try {
    const appPort = await freePort();
    let oidcPort = await freePort();
    while (oidcPort === appPort) oidcPort = await freePort();
    const baseURL = `http://localhost:${appPort}`;
    const issuer = `http://localhost:${oidcPort}`;
    const databaseUrl = `file:${join(dataDir, 'steward.db')}`;
    const client = { id: 'steward-e2e', secret: randomBytes(24).toString('hex') };
    const baseEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      STEWARD_CHECKPOINT_KEY_FILE: join(dataDir, 'checkpoint-key.pem'),
    };

    await runToCompletion(['--conditions=react-server', '--import', 'tsx', join(root, 'tests/e2e/support/seed.ts')], {
      cwd: root,
      env: { ...baseEnv, DATABASE_URL: databaseUrl },
      timeoutMs: SEED_TIMEOUT_MS,
    });

    const oidc = startProcess('OIDC provider', ['--import', 'tsx', join(root, 'tests/e2e/support/oidc-server.ts')], {
      cwd: root,
      logFile: join(logDir, 'oidc-provider.log'),
      env: {
        ...baseEnv,
        OIDC_PORT: String(oidcPort),
        OIDC_CLIENT_ID: client.id,
        OIDC_CLIENT_SECRET: client.secret,
        OIDC_REDIRECT_URI: `${baseURL}/api/auth/callback/oidc`,
      },
    });
    started.push(oidc);
    await waitForOk(`${issuer}/.well-known/openid-configuration`, oidc, OIDC_START_TIMEOUT_MS);

    const serve = join(root, 'lib', 'cli', 'serve.ts');
    const app = startProcess('npm start', ['--import', 'tsx', serve, '-p', String(appPort), '-H', '127.0.0.1'], {
      cwd: root,
      logFile: join(logDir, 'next.log'),
      env: {
        ...baseEnv,
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: client.id,
        OIDC_CLIENT_SECRET: client.secret,
        OIDC_DISPLAY_NAME,
      },
    });
    started.push(app);
    await waitForOk(`http://127.0.0.1:${appPort}/api/health`, app, APP_START_TIMEOUT_MS);

    rememberServers({ started, dataDir });
    writeFileSync(
      join(logDir, 'servers.json'),
      `${JSON.stringify({ baseURL, issuer, dataDir, pids: started.map(({ name, child }) => ({ name, pid: child.pid })) }, null, 2)}\n`,
    );
    process.env[ENV.baseUrl] = baseURL;
    process.env[ENV.oidcIssuer] = issuer;
    process.env[ENV.oidcDisplayName] = OIDC_DISPLAY_NAME;
  } catch (error) {
    for (const server of started.reverse()) await stopProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
