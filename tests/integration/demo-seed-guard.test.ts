import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../lib/db';
import { assertMaySeed, seedDemo } from '../../lib/demo/seed';
import { AppError } from '../../lib/errors';
import { createPerson } from '../support/people';

const run = promisify(execFile);
const SEED_AT = new Date('2026-11-22T06:00:00Z');

function seedCli(...args: string[]) {
  const cli = ['--conditions=react-server', '--import', 'tsx', 'lib/cli/seed.ts', '--events', '50', ...args];
  return run(process.execPath, cli, { env: { ...process.env, NODE_ENV: 'development' } }).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

async function rowCounts() {
  const db = await getDb();
  return {
    humans: await db.human.count(),
    nhis: await db.nhi.count(),
    apiKeys: await db.apiKey.count(),
    demo: await db.setting.count({ where: { key: 'demo' } }),
  };
}

async function expectRefused(seeding: Promise<unknown>, message: RegExp) {
  const error = await seeding.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: 'SEED_REFUSED', message: expect.stringMatching(message) });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

// One database for the whole file: the order of these tests is the life of a deployment.
describe('seeding the demo organisation', () => {
  it('may seed an empty database, as the demo’s first start does', async () => {
    expect(await rowCounts()).toMatchObject({ humans: 0, nhis: 0, apiKeys: 0 });
    await expect(assertMaySeed({})).resolves.toBeUndefined();
  });

  it('never seeds with NODE_ENV=production, not even forced or into an empty database', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const before = await rowCounts();
    await expectRefused(seedDemo({ events: 10, now: SEED_AT }), /NODE_ENV=production/);
    await expectRefused(seedDemo({ events: 10, now: SEED_AT, force: true }), /NODE_ENV=production/);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a database that already has people, and the CLI says why and fails', async () => {
    await createPerson('ADMIN');
    const before = await rowCounts();
    await expectRefused(seedDemo({ events: 10, now: SEED_AT }), /already has people/);

    const refused = await seedCli();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Refusing to seed.*--force/s);

    const skipped = await seedCli('--if-empty');
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/already has data; not seeding/);
    expect(await rowCounts()).toEqual(before);
  });

  it('lets an operator seed a non-empty database on purpose, with --force', async () => {
    await createPerson('SECURITY');
    await expect(assertMaySeed({ force: true })).resolves.toBeUndefined();
    await expectRefused(assertMaySeed({}), /pass --force/);
  });
});
