import { describe, expect, it } from 'vitest';
import { appendAuditEvents, type AuditEventInput } from '../../lib/audit/append';
import { readChainHead, verifyAuditChain } from '../../lib/audit/verify';
import { getDb, transaction } from '../../lib/db';
import { disableAuditTriggersSql } from '../support/flavor';

const SEEDED = 30_000;
const BATCH = 5_000;

function event(index: number): AuditEventInput {
  return {
    action: 'test.verify_load',
    attribution: index % 2 === 0 ? 'HUMAN' : 'AGENT_DELEGATED',
    initiator: { type: 'HUMAN', id: `h${index % 7}`, label: `person${index % 7}@acme.example` },
    executor: { type: 'NHI', id: `n${index % 11}`, label: `agent-${index % 11}` },
    resource: `github:acme/repo-${index % 5}`,
    occurredAt: new Date(Date.UTC(2026, 10, 1) + index * 1_000),
    details: { index },
  };
}

async function appendBatches(total: number): Promise<void> {
  for (let start = 0; start < total; start += BATCH) {
    const inputs = Array.from({ length: Math.min(BATCH, total - start) }, (_, offset) => event(start + offset));
    await transaction((tx) => appendAuditEvents(tx, inputs));
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('verifying a long chain', () => {
  it(`answers ok while events are appended during a verification of ${SEEDED} events`, async () => {
    await appendBatches(SEEDED);
    const head = await readChainHead(await getDb());
    let verifying = true;
    let appendedDuring = 0;
    let firstProgress: () => void = () => {};
    const started = new Promise<void>((resolve) => (firstProgress = resolve));
    const verification = verifyAuditChain(() => firstProgress()).finally(() => (verifying = false));
    const appending = (async () => {
      await started;
      while (verifying) {
        await transaction((tx) => appendAuditEvents(tx, [event(SEEDED + appendedDuring)]));
        appendedDuring += 1;
        await nextTurn();
      }
    })();
    const result = await verification;
    await appending;

    expect(appendedDuring).toBeGreaterThan(0);
    expect(result).toEqual({ ok: true, checked: head.seq });
    expect(await verifyAuditChain()).toEqual({ ok: true, checked: head.seq + appendedDuring });
  });

  it('keeps the event loop turning while it verifies', async () => {
    let longestGapMs = 0;
    let ticks = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
      ticks += 1;
    }, 1);
    const db = await getDb();
    let headReadsDuring = 0;
    let verifying = true;
    const reads = (async () => {
      while (verifying) {
        await readChainHead(db);
        headReadsDuring += 1;
        await nextTurn();
      }
    })();
    const started = performance.now();
    const result = await verifyAuditChain().finally(() => (verifying = false));
    const totalMs = performance.now() - started;
    clearInterval(timer);
    await reads;

    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(SEEDED);
    // Other work (timers, queries) runs throughout: no single stall takes a large share of the verification.
    expect(ticks).toBeGreaterThan(10);
    expect(headReadsDuring).toBeGreaterThan(10);
    expect(longestGapMs).toBeLessThan(totalMs / 4);
  });

  it('breaks right after the head at an event stored past it, outside the chain', async () => {
    const db = await getDb();
    const head = await readChainHead(db);
    const [row] = await db.auditEvent.findMany({ where: { seq: head.seq }, take: 1 });
    const { seq: _seq, hash: _hash, prevHash: _prevHash, ...copy } = row;
    await db.auditEvent.create({ data: { ...copy, seq: head.seq + 1, prevHash: head.hash, hash: 'f'.repeat(64) } });
    expect(await verifyAuditChain()).toEqual({
      ok: false,
      checked: head.seq,
      firstBrokenSeq: head.seq + 1,
      problem: `seq ${head.seq + 1} is stored past the chain head, outside the chain`,
    });
  });

  it('breaks at an event whose hashed form has a version it does not know', async () => {
    const db = await getDb();
    for (const sql of disableAuditTriggersSql()) await db.$executeRawUnsafe(sql);
    await db.$executeRawUnsafe(`UPDATE "audit_events" SET "hashVersion" = 2 WHERE "seq" = 1234`);
    expect(await verifyAuditChain()).toEqual({
      ok: false,
      checked: 1233,
      firstBrokenSeq: 1234,
      problem: 'the event is hashed in a form (version 2) this version of Steward does not know',
    });
  });
});
