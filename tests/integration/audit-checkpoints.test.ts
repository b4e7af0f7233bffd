import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAuditEvents, type AuditEventInput } from '../../lib/audit/append';
import { chainHash, GENESIS_HASH, type ChainedEvent } from '../../lib/audit/chain';
import {
  checkpointPublicKey,
  createCheckpoint,
  latestCheckpoint,
  scheduledCheckpoint,
} from '../../lib/audit/checkpoint';
import { verifyCheckpointSignature } from '../../lib/audit/checkpoint-signature';
import { rememberedCheckpoint } from '../../lib/audit/signing-key';
import { readChainHead, verifyAuditChain } from '../../lib/audit/verify';
import { getDb, transaction } from '../../lib/db';
import { disableAuditTriggersSql } from '../support/flavor';

const keyDir = mkdtempSync(join(tmpdir(), 'steward-checkpoint-key-'));
process.env.STEWARD_CHECKPOINT_KEY_FILE = join(keyDir, 'keys', 'checkpoint-key.pem');
delete process.env.STEWARD_CHECKPOINT_KEY;

afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

function event(index: number): AuditEventInput {
  return {
    action: 'test.checkpointed',
    attribution: index % 2 === 0 ? 'HUMAN' : 'AGENT_DELEGATED',
    initiator: { type: 'HUMAN', id: 'h1', label: 'ada@acme.example' },
    executor: { type: 'NHI', id: 'n1', label: 'pr-review-agent' },
    occurredAt: new Date(Date.UTC(2026, 10, 1, 12) + index * 60_000),
    details: { index },
  };
}

async function appendEvents(from: number, count: number): Promise<void> {
  await transaction((tx) =>
    appendAuditEvents(
      tx,
      Array.from({ length: count }, (_, i) => event(from + i)),
    ),
  );
}

/**
 * Plays an attacker with write access to the database: changes events through `edit`, then recomputes every
 * hash and the head, so the chain is consistent in itself again.
 */
let triggersOff = false;

async function rewriteChain(edit: (event: ChainedEvent) => ChainedEvent): Promise<void> {
  const db = await getDb();
  const rows = await db.auditEvent.findMany({ orderBy: { seq: 'asc' } });
  await transaction(async (tx) => {
    if (!triggersOff) for (const sql of disableAuditTriggersSql()) await tx.$executeRawUnsafe(sql);
    triggersOff = true;
    let prevHash = GENESIS_HASH;
    for (const row of rows) {
      const { prevHash: _prevHash, hash: _hash, ...unhashed } = edit(row as ChainedEvent);
      const hash = chainHash(prevHash, unhashed);
      await tx.auditEvent.update({
        where: { seq: row.seq },
        data: { action: unhashed.action, details: unhashed.details, prevHash, hash },
      });
      prevHash = hash;
    }
    await tx.auditChainHead.update({ where: { id: 1 }, data: { hash: prevHash } });
  });
}

describe('signed checkpoints of the audit chain', () => {
  it('makes a key on first use, outside the database, readable by its owner only', () => {
    const key = checkpointPublicKey();
    const file = process.env.STEWARD_CHECKPOINT_KEY_FILE as string;
    expect(key.algorithm).toBe('Ed25519');
    expect(key.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(key.pem).toContain('BEGIN PUBLIC KEY');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(checkpointPublicKey()).toEqual(key);
  });

  it('signs the head, appends its own event after it and verifies', async () => {
    await appendEvents(0, 40);
    const db = await getDb();
    const before = await readChainHead(db);
    const checkpoint = await createCheckpoint('manual');

    expect(checkpoint).toMatchObject({ seq: before.seq, hash: before.hash, reason: 'manual' });
    expect(verifyCheckpointSignature(checkpoint, checkpointPublicKey().pem)).toBe(true);
    expect(await latestCheckpoint()).toEqual(checkpoint);
    expect(rememberedCheckpoint()).toEqual(checkpoint);

    const own = await db.auditEvent.findUniqueOrThrow({ where: { seq: before.seq + 1 } });
    expect(own.action).toBe('audit.checkpoint');
    expect(JSON.parse(own.details)).toEqual(checkpoint);
    expect((await readChainHead(db)).seq).toBe(before.seq + 1);

    expect(await verifyAuditChain()).toEqual({
      ok: true,
      checked: before.seq + 1,
      checkpoint: { seq: checkpoint.seq, signedAt: checkpoint.signedAt, keyId: checkpoint.keyId, ok: true },
    });
  });

  it('signs on schedule only when the chain moved since the last checkpoint', async () => {
    const first = await latestCheckpoint();
    expect(await scheduledCheckpoint()).toBeNull();
    await appendEvents(40, 5);
    const scheduled = await scheduledCheckpoint();
    expect(scheduled).toMatchObject({ reason: 'schedule', seq: (first?.seq ?? 0) + 6 });
    expect(await scheduledCheckpoint()).toBeNull();
    await appendEvents(45, 5);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checkpoint: { seq: scheduled?.seq, ok: true } });
  });

  it('fails when the signature is checked under another key', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    process.env.STEWARD_CHECKPOINT_KEY = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    try {
      const result = await verifyAuditChain();
      expect(result.ok).toBe(false);
      expect(result.checkpoint?.ok).toBe(false);
      expect(result.checkpoint?.problem).toMatch(/signed by another key/);
    } finally {
      delete process.env.STEWARD_CHECKPOINT_KEY;
    }
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it('fails, and makes no new key, when the signing key is missing', async () => {
    const keyFile = process.env.STEWARD_CHECKPOINT_KEY_FILE as string;
    const elsewhere = join(keyDir, 'lost', 'checkpoint-key.pem');
    process.env.STEWARD_CHECKPOINT_KEY_FILE = elsewhere;
    try {
      const result = await verifyAuditChain();
      expect(result).toMatchObject({ ok: false, checkpoint: { ok: false } });
      expect(result.problem).toMatch(/signing key is missing/);
      expect(existsSync(elsewhere)).toBe(false);
    } finally {
      process.env.STEWARD_CHECKPOINT_KEY_FILE = keyFile;
    }
  });

  it('fails when a checkpoint row is forged or removed', async () => {
    const db = await getDb();
    const rows = await db.auditCheckpoint.findMany();
    const latest = await latestCheckpoint();
    if (!latest) throw new Error('no checkpoint');
    await transaction((tx) =>
      tx.auditCheckpoint.update({ where: { seq: latest.seq }, data: { hash: 'e'.repeat(64) } }),
    );
    const forged = await verifyAuditChain();
    expect(forged).toMatchObject({ ok: false, checkpoint: { ok: false } });
    expect(forged.problem).toMatch(/does not verify/);

    await transaction((tx) => tx.auditCheckpoint.deleteMany({}));
    const removed = await verifyAuditChain();
    expect(removed).toMatchObject({ ok: false, checkpoint: { seq: latest.seq, ok: false } });
    expect(removed.problem).toMatch(/missing from the database's checkpoints/);
    expect(await db.auditCheckpoint.count()).toBe(0);

    await transaction((tx) => tx.auditCheckpoint.createMany({ data: rows }));
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it('catches a rewrite of the whole table with recomputed hashes, after the last signed seq it matches', async () => {
    const db = await getDb();
    const checkpoints = await db.auditCheckpoint.findMany({ orderBy: { seq: 'asc' } });
    expect(checkpoints).toHaveLength(2);
    const [earlier, latest] = checkpoints;
    const target = earlier.seq + 3;
    await rewriteChain((stored) =>
      stored.seq === target ? { ...stored, details: JSON.stringify({ index: target, rewritten: true }) } : stored,
    );
    const result = await verifyAuditChain();
    expect(result).toMatchObject({
      ok: false,
      checked: earlier.seq,
      firstBrokenSeq: earlier.seq + 1,
      checkpoint: { seq: latest.seq, ok: false },
    });
    expect(result.problem).toMatch(new RegExp(`signed seq ${latest.seq} .* rewritten \\(after seq ${earlier.seq}`));
  });

  it('still catches the rewrite when the checkpoints are removed from the rows and the chain: by the file', async () => {
    const latest = rememberedCheckpoint();
    if (!latest) throw new Error('no remembered checkpoint');
    await transaction((tx) => tx.auditCheckpoint.deleteMany({}));
    await rewriteChain((stored) =>
      stored.action === 'audit.checkpoint' ? { ...stored, action: 'test.checkpointed', details: '{}' } : stored,
    );
    const db = await getDb();
    expect(await db.auditEvent.count({ where: { action: 'audit.checkpoint' } })).toBe(0);
    expect(existsSync(join(dirname(process.env.STEWARD_CHECKPOINT_KEY_FILE as string), 'latest-checkpoint.json'))).toBe(
      true,
    );

    const result = await verifyAuditChain();
    expect(result.ok).toBe(false);
    expect(result.firstBrokenSeq).toBeLessThanOrEqual(latest.seq);
    expect(result.checkpoint).toMatchObject({ seq: latest.seq, ok: false });
    expect(result.problem).toMatch(/remembered beside the key/);
  });
});
