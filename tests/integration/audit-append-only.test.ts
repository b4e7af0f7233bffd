import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as health } from '../../app/api/health/route';
import { register } from '../../instrumentation';
import { APPEND_ONLY_TRIGGERS, missingAppendOnlyTriggers } from '../../lib/audit/append-only';
import { getDb } from '../../lib/db';
import { testFlavor } from '../support/flavor';

async function startServer(): Promise<{ exitCode: number | undefined; logged: string }> {
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.stubEnv('NEXT_RUNTIME', 'nodejs');
  await register();
  const exitCode = exit.mock.calls[0]?.[0] as number | undefined;
  return { exitCode, logged: error.mock.calls.flat().join(' ') };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('the append-only triggers of the audit trail', () => {
  it('are all there on a freshly migrated database: the server starts and is healthy', async () => {
    expect(await missingAppendOnlyTriggers(await getDb())).toEqual([]);
    expect(await startServer()).toEqual({ exitCode: undefined, logged: '' });
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, database: testFlavor() });
  });

  it('are reported missing after one is dropped: health fails with the reason, the server refuses to start', async () => {
    const db = await getDb();
    const [dropped, kept] = APPEND_ONLY_TRIGGERS[testFlavor()];
    const drop =
      testFlavor() === 'sqlite' ? `DROP TRIGGER "${dropped}"` : `DROP TRIGGER "${dropped}" ON "audit_events"`;
    await db.$executeRawUnsafe(drop);

    expect(await missingAppendOnlyTriggers(db)).toEqual([dropped]);
    const response = await health();
    expect(response.status).toBe(503);
    const body = (await response.json()) as { ok: boolean; reason: string };
    expect(body).toMatchObject({ ok: false, database: testFlavor() });
    expect(body.reason).toContain(`not append-only`);
    expect(body.reason).toContain(dropped);
    expect(body.reason).not.toContain(kept);
    const started = await startServer();
    expect(started.exitCode).toBe(1);
    expect(started.logged).toMatch(new RegExp(`refuses to start.*${dropped}`));
  });

  it.runIf(testFlavor() === 'postgres')('are reported missing when one is disabled on PostgreSQL', async () => {
    const db = await getDb();
    await db.$executeRawUnsafe(`ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_refuse_truncate"`);
    expect(await missingAppendOnlyTriggers(db)).toContain('audit_events_refuse_truncate');
  });
});
