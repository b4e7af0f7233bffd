import { describe, expect, it } from 'vitest';
import { appendAuditEvent, appendAuditEvents, type AuditEventInput } from '../../lib/audit/append';
import { GENESIS_HASH } from '../../lib/audit/chain';
import { readChainHead, verifyAuditChain } from '../../lib/audit/verify';
import { getDb, transaction } from '../../lib/db';
import { disableAuditTriggersSql } from '../support/flavor';

function event(index: number, overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    action: 'test.event',
    attribution: index % 2 === 0 ? 'HUMAN' : 'AGENT_DELEGATED',
    initiator: { type: 'HUMAN', id: 'h1', label: 'ada@acme.example' },
    executor:
      index % 2 === 0
        ? { type: 'HUMAN', id: 'h1', label: 'ada@acme.example' }
        : { type: 'NHI', id: 'n1', label: 'pr-review-agent' },
    occurredAt: new Date(Date.UTC(2026, 10, 1 + (index % 3), 12)),
    details: { index },
    ...overrides,
  };
}

describe('the audit chain in the database', () => {
  it('starts at the genesis, appends in order and verifies', async () => {
    const db = await getDb();
    expect(await readChainHead(db)).toEqual({ seq: 0, hash: GENESIS_HASH });
    expect(await verifyAuditChain()).toEqual({ ok: true, checked: 0 });

    await transaction((tx) => appendAuditEvents(tx, [event(0), event(1), event(2)]));
    const single = await transaction((tx) => appendAuditEvent(tx, event(3)));
    expect(single.seq).toBe(4);
    expect(await readChainHead(db)).toEqual({ seq: 4, hash: single.hash });
    expect(await verifyAuditChain()).toEqual({ ok: true, checked: 4 });

    const rows = await db.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    expect(rows.map((row) => row.prevHash)).toEqual([GENESIS_HASH, rows[0].hash, rows[1].hash, rows[2].hash]);
  });

  it('keeps daily counts by attribution as events are appended', async () => {
    const db = await getDb();
    const rollups = await db.auditDailyRollup.findMany({ where: { day: '2026-11-01' } });
    const total = rollups.reduce((sum, row) => sum + row.count, 0);
    const events = await db.auditEvent.count({
      where: { occurredAt: { gte: new Date('2026-11-01T00:00:00Z'), lt: new Date('2026-11-02T00:00:00Z') } },
    });
    expect(total).toBe(events);
    expect(total).toBeGreaterThan(0);
  });

  it('appends nothing when the transaction that records the change fails', async () => {
    const db = await getDb();
    const before = await readChainHead(db);
    await expect(
      transaction(async (tx) => {
        await appendAuditEvent(tx, event(10));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await readChainHead(db)).toEqual(before);
    expect(await db.auditEvent.count()).toBe(before.seq);
  });

  it('refuses UPDATE and DELETE of an audit event in the database itself', async () => {
    const db = await getDb();
    await expect(db.$executeRawUnsafe(`UPDATE "audit_events" SET "action" = 'forged' WHERE "seq" = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.$executeRawUnsafe(`DELETE FROM "audit_events" WHERE "seq" = 1`)).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.update({ where: { seq: 2 }, data: { outcome: 'DENIED' } })).rejects.toThrow();
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow();
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it('names the edited row when someone with database access edits one anyway', async () => {
    const db = await getDb();
    for (const sql of disableAuditTriggersSql()) await db.$executeRawUnsafe(sql);
    const head = await readChainHead(db);
    const target = Math.max(1, head.seq - 2);
    await db.$executeRawUnsafe(`UPDATE "audit_events" SET "resource" = 'human:someone-else' WHERE "seq" = ${target}`);
    expect(await verifyAuditChain()).toEqual({
      ok: false,
      checked: target - 1,
      firstBrokenSeq: target,
      problem: "hash does not match the event's content",
    });
  });
});
