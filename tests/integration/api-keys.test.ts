import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import type { HumanActor } from '../../lib/auth/actor';
import { authenticateApiKey } from '../../lib/auth/api-keys';
import { AppError } from '../../lib/errors';
import { createApiKey, revokeApiKey } from '../../lib/api-keys/manage';
import { reactivateNhi, suspendNhi } from '../../lib/identities/manage';
import { findNhisForKeys, listApiKeys } from '../../lib/api-keys/list';
import { countRows, createPerson } from '../support/people';

let admin: HumanActor;
let security: HumanActor;
let agentId: string;

beforeAll(async () => {
  admin = await createPerson('ADMIN');
  security = await createPerson('SECURITY');
  const db = await getDb();
  const agent = await db.nhi.create({
    data: {
      system: 'github',
      externalId: 'release-agent',
      name: 'Release agent',
      kind: 'AI_AGENT',
      searchText: 'release agent release-agent github',
    },
  });
  agentId = agent.id;
});

async function snapshot() {
  const db = await getDb();
  const [rows, keys, revoked] = await Promise.all([
    countRows(),
    db.apiKey.count(),
    db.apiKey.count({ where: { revokedAt: { not: null } } }),
  ]);
  return { ...rows, keys, revoked };
}

async function expectRefused(work: () => Promise<unknown>, status: number, code?: string) {
  const before = await snapshot();
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  if (code) expect((error as AppError).code).toBe(code);
  expect(await snapshot()).toEqual(before);
  return error as AppError;
}

async function lastEvent() {
  const db = await getDb();
  return db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('creating a key', () => {
  it('returns the secret once and stores only its SHA-256 and prefix, audited without either secret or hash', async () => {
    const before = await countRows();
    const { key, secret } = await createApiKey(security, { name: 'Okta collector', kind: 'INGEST' });
    expect(secret).toMatch(/^stw_ingest_[0-9A-Za-z]{32}$/);
    expect(key).not.toHaveProperty('keyHash');
    expect(key).toMatchObject({ kind: 'INGEST', prefix: secret.slice(0, 12), nhiId: null });
    const lifetimeDays = ((key.expiresAt?.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(lifetimeDays).toBeGreaterThan(89.9);
    expect(lifetimeDays).toBeLessThanOrEqual(90);

    const db = await getDb();
    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, omit: { keyHash: false } });
    expect(stored.keyHash).toBe(sha256(secret));
    expect(stored.createdById).toBe(security.humanId);
    for (const value of Object.values(stored)) expect(String(value)).not.toContain(secret);

    expect((await countRows()).headSeq).toBe(before.headSeq + 1);
    const event = await lastEvent();
    expect(event).toMatchObject({
      action: 'api_key.create',
      attribution: 'HUMAN',
      initiatorId: security.humanId,
      executorId: security.humanId,
      resource: `api_key:${key.id}`,
    });
    expect(JSON.parse(event.details)).toMatchObject({ name: 'Okta collector', kind: 'INGEST', prefix: key.prefix });
    for (const value of Object.values(event)) {
      expect(String(value)).not.toContain(secret);
      expect(String(value)).not.toContain(stored.keyHash);
    }
    expect(await authenticateApiKey(secret)).toMatchObject({ kind: 'key', keyId: key.id, keyKind: 'INGEST' });
  });

  it('ties an agent key to its NHI and sets an expiry in days', async () => {
    const { key, secret } = await createApiKey(admin, {
      name: 'Release agent key',
      kind: 'AGENT',
      nhiId: agentId,
      expiresInDays: '30',
    });
    expect(key.nhiId).toBe(agentId);
    const days = ((key.expiresAt?.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect(await authenticateApiKey(secret)).toMatchObject({ keyKind: 'AGENT', nhiId: agentId });
  });

  it('requires an NHI for agent keys only, and writes nothing otherwise', async () => {
    const missing = await expectRefused(() => createApiKey(security, { name: 'Agent', kind: 'AGENT' }), 422);
    expect(missing.details).toMatchObject({ fieldErrors: { nhiId: [expect.stringMatching(/belongs to one NHI/)] } });
    for (const kind of ['INGEST', 'ADMIN', 'AUDIT']) {
      const error = await expectRefused(() => createApiKey(security, { name: 'Other', kind, nhiId: agentId }), 422);
      expect(error.details).toMatchObject({ fieldErrors: { nhiId: [expect.stringMatching(/Only agent keys/)] } });
    }
    await expectRefused(() => createApiKey(security, { name: 'Agent', kind: 'AGENT', nhiId: 'nope' }), 422);
    const invalid = await expectRefused(
      () => createApiKey(security, { name: ' ', kind: 'ROOT', expiresInDays: '-3' }),
      422,
      'INVALID_INPUT',
    );
    expect(Object.keys((invalid.details as { fieldErrors: object }).fieldErrors).sort()).toEqual([
      'expiresInDays',
      'kind',
      'name',
    ]);
  });
});

describe('revoking a key', () => {
  it('stops it from authenticating at once, records who revoked it, and audits it once', async () => {
    const { key, secret } = await createApiKey(security, { name: 'Evidence export', kind: 'AUDIT' });
    const before = await countRows();
    const revoked = await revokeApiKey(admin, { keyId: key.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey(secret)).toBeNull();
    const db = await getDb();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedById).toBe(admin.humanId);
    expect((await countRows()).headSeq).toBe(before.headSeq + 1);
    expect(await lastEvent()).toMatchObject({
      action: 'api_key.revoke',
      initiatorId: admin.humanId,
      resource: `api_key:${key.id}`,
    });
    expect(JSON.parse((await lastEvent()).details)).toMatchObject({ prefix: key.prefix, kind: 'AUDIT' });

    const again = await countRows();
    await revokeApiKey(admin, { keyId: key.id });
    expect(await countRows()).toEqual(again);
    await expectRefused(() => revokeApiKey(admin, { keyId: 'no-such-key' }), 404);
  });
});

describe('a key of an identity that is not active', () => {
  it('is refused with 401 IDENTITY_NOT_ACTIVE while the NHI is suspended, and works again once it is reactivated', async () => {
    const { secret } = await createApiKey(security, { name: 'release agent key', kind: 'AGENT', nhiId: agentId });
    expect(await authenticateApiKey(secret)).toMatchObject({ keyKind: 'AGENT', nhiId: agentId });
    await suspendNhi(security, { nhiId: agentId, reason: 'containment' });
    const refused = await authenticateApiKey(secret).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 401, code: 'IDENTITY_NOT_ACTIVE' });
    await reactivateNhi(security, { nhiId: agentId });
    expect(await authenticateApiKey(secret)).toMatchObject({ nhiId: agentId });
  });
});

describe('listing keys', () => {
  it('shows each key’s status, NHI and creator, never its hash', async () => {
    const { key: expiring } = await createApiKey(security, { name: 'Short-lived', kind: 'ADMIN', expiresInDays: 1 });
    const db = await getDb();
    await db.apiKey.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const { keys, total } = await listApiKeys(security, {});
    expect(total).toBe(keys.length);
    expect(keys.find((key) => key.id === expiring.id)).toMatchObject({
      status: 'EXPIRED',
      createdBy: { email: security.email },
    });
    expect(keys.find((key) => key.kind === 'AGENT')).toMatchObject({
      status: 'ACTIVE',
      nhi: { id: agentId, name: 'Release agent' },
    });
    expect(keys.find((key) => key.kind === 'AUDIT')?.status).toBe('REVOKED');
    expect(keys.every((key) => !('keyHash' in key))).toBe(true);
  });

  it('finds NHIs to tie an agent key to, by name or id', async () => {
    expect((await findNhisForKeys(security, { q: 'RELEASE' })).map((nhi) => nhi.id)).toEqual([agentId]);
    expect((await findNhisForKeys(security, { q: agentId })).map((nhi) => nhi.id)).toEqual([agentId]);
    expect(await findNhisForKeys(security, { q: '  ' })).toEqual([]);
  });
});

describe('everyone else', () => {
  it('is refused listing, creating and revoking keys, and nothing is written', async () => {
    const { key } = await createApiKey(security, { name: 'Collector', kind: 'INGEST' });
    for (const role of ['AUDITOR', 'SPONSOR'] as const) {
      const actor = await createPerson(role);
      await expectRefused(() => createApiKey(actor, { name: 'Mine', kind: 'INGEST' }), 403, 'FORBIDDEN');
      await expectRefused(() => revokeApiKey(actor, { keyId: key.id }), 403, 'FORBIDDEN');
      await expectRefused(() => listApiKeys(actor, {}), 403, 'FORBIDDEN');
      await expectRefused(() => findNhisForKeys(actor, { q: 'release' }), 403, 'FORBIDDEN');
    }
    const machine = {
      kind: 'key' as const,
      keyId: key.id,
      keyKind: 'ADMIN' as const,
      keyName: 'automation',
      nhiId: null,
    };
    await expectRefused(() => createApiKey(machine, { name: 'Escalation', kind: 'ADMIN' }), 403);
  });
});
