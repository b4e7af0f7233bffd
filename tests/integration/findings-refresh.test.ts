import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import { refreshAllFindings } from '../../lib/findings/refresh-all';

describe('the scheduled recomputation of every finding', () => {
  it('records what each transaction changed in that transaction, and nothing when nothing changed', async () => {
    const db = await getDb();
    const stale = new Date('2025-01-01T00:00:00Z');
    for (let n = 0; n < 45; n += 1)
      await db.nhi.create({
        data: {
          system: 'okta',
          externalId: randomUUID(),
          name: `svc-${n}`,
          kind: 'SERVICE_ACCOUNT',
          lastSeenAt: stale,
        },
      });
    const headBefore = (await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).seq;
    const first = await refreshAllFindings(new Date('2026-12-01T00:00:00Z'));
    expect(first.opened).toBeGreaterThanOrEqual(45);
    const events = await db.auditEvent.findMany({ where: { seq: { gt: headBefore } }, orderBy: { seq: 'asc' } });
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.every((event) => event.action === 'finding.recompute' && event.executorType === 'SYSTEM')).toBe(true);
    const opened = events.reduce((sum, event) => sum + (JSON.parse(event.details) as { opened: number }).opened, 0);
    expect(opened).toBe(first.opened);

    const headAfter = (await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).seq;
    const second = await refreshAllFindings(new Date('2026-12-01T00:00:00Z'));
    expect(second).toMatchObject({ opened: 0, updated: 0, resolved: 0 });
    expect((await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).seq).toBe(headAfter);
  });
});
