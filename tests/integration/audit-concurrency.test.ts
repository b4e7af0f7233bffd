import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readChainHead, verifyAuditChain } from '../../lib/audit/verify';
import { getDb } from '../../lib/db';

const run = promisify(execFile);
const WRITERS = 8;
const EVENTS_EACH = 500;

describe('concurrent writers', () => {
  it(`${WRITERS} processes appending ${EVENTS_EACH} events each leave one intact chain with every event, recorded in order`, async () => {
    const db = await getDb();
    const before = await readChainHead(db);
    await Promise.all(
      Array.from({ length: WRITERS }, (_, writer) =>
        run(
          process.execPath,
          [
            '--conditions=react-server',
            '--import',
            'tsx',
            'tests/support/append-worker.ts',
            String(writer),
            String(EVENTS_EACH),
          ],
          {
            env: { ...process.env },
          },
        ),
      ),
    );
    const after = await readChainHead(db);
    expect(after.seq - before.seq).toBe(WRITERS * EVENTS_EACH);
    expect(await db.auditEvent.count({ where: { action: 'test.concurrent_append' } })).toBe(WRITERS * EVENTS_EACH);
    expect(await verifyAuditChain()).toEqual({ ok: true, checked: after.seq });
    for (let writer = 0; writer < WRITERS; writer += 1) {
      expect(await db.auditEvent.count({ where: { executorId: `writer-${writer}` } })).toBe(EVENTS_EACH);
    }
    const recorded = await db.auditEvent.findMany({ orderBy: { seq: 'asc' }, select: { seq: true, recordedAt: true } });
    const earlierThanPrevious = recorded.filter(
      (event, index) => index > 0 && event.recordedAt < recorded[index - 1].recordedAt,
    );
    expect(earlierThanPrevious).toEqual([]);
  });
});
