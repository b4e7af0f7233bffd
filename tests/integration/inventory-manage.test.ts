import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import {
  assignSponsor,
  createNhi,
  decommissionNhi,
  previewDecommission,
  reactivateNhi,
  setNhiOwners,
  suspendNhi,
  updateNhi,
} from '../../lib/identities/manage';
import { createApiKey } from '../../lib/api-keys/manage';
import { createCredential, revokeCredential, updateCredential } from '../../lib/credentials/manage';
import type { HumanActor } from '../../lib/auth/actor';
import { AppError } from '../../lib/errors';
import { createPerson } from '../support/people';

let security: HumanActor;
let sponsor: HumanActor;
let otherSponsor: HumanActor;
let auditor: HumanActor;
let counter = 0;

beforeAll(async () => {
  security = await createPerson('SECURITY');
  sponsor = await createPerson('SPONSOR');
  otherSponsor = await createPerson('SPONSOR');
  auditor = await createPerson('AUDITOR');
});

function agent(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    name: `agent-${counter}`,
    kind: 'AI_AGENT',
    system: 'github',
    externalId: `app-${counter}`,
    environment: 'production',
    sponsorId: sponsor.humanId,
    ...overrides,
  };
}

function credentialFor(nhiId: string) {
  return {
    name: `token of ${nhiId}`,
    kind: 'API_KEY',
    system: 'github',
    fingerprint: `sha256:key-${nhiId}`,
    subjectType: 'NHI',
    subjectId: nhiId,
    issuedAt: '2026-11-01T00:00:00Z',
  };
}

async function auditHead(): Promise<number> {
  const db = await getDb();
  return (await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).seq;
}

async function snapshot() {
  const db = await getDb();
  const [nhis, credentials, findings, head] = await Promise.all([
    db.nhi.count(),
    db.credential.count(),
    db.finding.count(),
    db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } }),
  ]);
  return { nhis, credentials, findings, seq: head.seq };
}

async function expectRefused(work: () => Promise<unknown>, status: number) {
  const before = await snapshot();
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  expect(await snapshot()).toEqual(before);
  return error as AppError;
}

async function openFindings(nhiId: string) {
  const db = await getDb();
  return db.finding.findMany({ where: { nhiId, status: 'OPEN' }, orderBy: { type: 'asc' } });
}

describe('NHIs', () => {
  it('are created by security with search text, statistics and an audit event', async () => {
    const nhi = await createNhi(security, agent({ name: 'PR Review Agent', description: 'Reviews pull requests' }));
    expect(nhi.searchText).toBe('pr review agent app-1 github reviews pull requests');
    expect(nhi.orphaned).toBe(false);
    const db = await getDb();
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(event).toMatchObject({
      action: 'nhi.create',
      resource: `nhi:${nhi.id}`,
      initiatorId: security.humanId,
      attribution: 'HUMAN',
    });
  });

  it('validate input with field errors and write nothing', async () => {
    const noSponsor = await expectRefused(() => createNhi(security, agent({ sponsorId: '' })), 422);
    expect(noSponsor.details).toMatchObject({
      fieldErrors: { sponsorId: [expect.stringContaining('needs a sponsor')] },
    });
    await expectRefused(() => createNhi(security, agent({ kind: 'ROBOT', system: 'Not Valid!', name: '' })), 422);
    await expectRefused(() => createNhi(security, agent({ sponsorId: 'nobody' })), 422);
    const first = await createNhi(security, agent());
    await expectRefused(() => createNhi(security, agent({ externalId: first.externalId })), 409);
  });

  it('are refused to sponsors and auditors on creation, and to everyone outside their scope on change', async () => {
    await expectRefused(() => createNhi(sponsor, agent()), 403);
    await expectRefused(() => createNhi(auditor, agent()), 403);
    const theirs = await createNhi(security, agent({ sponsorId: otherSponsor.humanId }));
    await expectRefused(
      () => updateNhi(sponsor, { ...agent({ sponsorId: otherSponsor.humanId }), id: theirs.id }),
      404,
    );
    await expectRefused(() => suspendNhi(sponsor, { nhiId: theirs.id }), 404);
    await expectRefused(() => updateNhi(auditor, { ...agent(), id: theirs.id }), 403);
    await expectRefused(() => decommissionNhi(sponsor, { nhiId: theirs.id }), 403);
  });

  it('may be described and suspended by their own sponsor, who cannot rename them or hand them on', async () => {
    const mine = await createNhi(security, agent());
    const asStored = { ...agent(), name: mine.name, externalId: mine.externalId, id: mine.id };
    const edited = await updateNhi(sponsor, {
      ...asStored,
      description: 'Reviews pull requests',
      environment: 'staging',
    });
    expect(edited).toMatchObject({ description: 'Reviews pull requests', environment: 'staging' });
    for (const change of [
      { name: 'renamed-agent' },
      { kind: 'SERVICE_ACCOUNT' },
      { system: 'gitlab' },
      { externalId: 'another-id' },
      { sponsorId: otherSponsor.humanId },
    ]) {
      await expectRefused(() => updateNhi(sponsor, { ...asStored, ...change }), 403);
    }
    expect((await suspendNhi(sponsor, { nhiId: mine.id, reason: 'acting oddly' })).status).toBe('SUSPENDED');
    await expectRefused(() => suspendNhi(sponsor, { nhiId: mine.id }), 409);
  });

  it('stay suspended until the security team lifts the suspension, whatever the sponsor does', async () => {
    const mine = await createNhi(security, agent());
    await suspendNhi(security, { nhiId: mine.id, reason: 'containment' });
    const before = await auditHead();
    await expectRefused(() => reactivateNhi(sponsor, { nhiId: mine.id }), 403);
    expect(await auditHead()).toBe(before);
    expect((await reactivateNhi(security, { nhiId: mine.id })).status).toBe('ACTIVE');
  });

  it('are decommissioned with every credential and API key they hold, shown beforehand, in one transaction', async () => {
    const mine = await createNhi(security, agent());
    const credential = await createCredential(security, credentialFor(mine.id));
    const { key } = await createApiKey(security, { name: 'agent key', kind: 'AGENT', nhiId: mine.id });
    const impact = await previewDecommission(security, { nhiId: mine.id });
    expect(impact.credentials.map((row) => row.id)).toEqual([credential.id]);
    expect(impact.apiKeys.map((row) => row.id)).toEqual([key.id]);
    await decommissionNhi(security, { nhiId: mine.id, reason: 'retired' });
    const db = await getDb();
    expect((await db.credential.findUniqueOrThrow({ where: { id: credential.id } })).status).toBe('REVOKED');
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).not.toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(event).toMatchObject({ action: 'nhi.decommission', resource: `nhi:${mine.id}` });
    expect(JSON.parse(event.details)).toMatchObject({
      revokedCredentialIds: [credential.id],
      revokedApiKeyIds: [key.id],
    });
  });

  it('have co-owners set by their sponsor, audited on the NHI, and only active people', async () => {
    const mine = await createNhi(security, agent());
    await expectRefused(() => setNhiOwners(sponsor, { nhiId: mine.id, ownerIds: ['nobody'] }), 422);
    expect(await setNhiOwners(sponsor, { nhiId: mine.id, ownerIds: [otherSponsor.humanId] })).toEqual({
      added: [otherSponsor.humanId],
      removed: [],
    });
    const db = await getDb();
    expect(await db.nhiOwner.count({ where: { nhiId: mine.id } })).toBe(1);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(event).toMatchObject({ action: 'nhi.owners_change', resource: `nhi:${mine.id}` });
    const theirs = await createNhi(security, agent({ sponsorId: otherSponsor.humanId }));
    await expectRefused(() => setNhiOwners(sponsor, { nhiId: theirs.id, ownerIds: [] }), 404);
  });

  it('open an ORPHANED finding when their sponsor is taken away, and resolve it when one is assigned', async () => {
    const nhi = await createNhi(security, agent({ kind: 'SERVICE_ACCOUNT', sponsorId: '' }));
    expect((await openFindings(nhi.id)).map((finding) => finding.type)).toEqual(['ORPHANED']);
    const db = await getDb();
    expect(await db.nhi.findUniqueOrThrow({ where: { id: nhi.id } })).toMatchObject({
      orphaned: true,
      openFindingCount: 1,
      highestSeverityRank: 2,
    });
    await assignSponsor(security, { nhiId: nhi.id, sponsorId: sponsor.humanId });
    expect(await openFindings(nhi.id)).toEqual([]);
    expect(await db.finding.findFirstOrThrow({ where: { nhiId: nhi.id } })).toMatchObject({ status: 'RESOLVED' });
    expect(await db.nhi.findUniqueOrThrow({ where: { id: nhi.id } })).toMatchObject({
      orphaned: false,
      openFindingCount: 0,
      highestSeverityRank: 0,
    });
  });

  it('resolve their findings when decommissioned', async () => {
    const nhi = await createNhi(security, agent({ kind: 'BOT', sponsorId: '' }));
    await decommissionNhi(security, { nhiId: nhi.id, reason: 'retired' });
    expect(await openFindings(nhi.id)).toEqual([]);
    await expectRefused(() => reactivateNhi(security, { nhiId: nhi.id }), 409);
  });
});

describe('credentials', () => {
  it('borrowed from a person open a finding on the agent, counted in its statistics, until revoked', async () => {
    const nhi = await createNhi(security, agent());
    const credential = await createCredential(security, {
      name: 'mira github pat',
      kind: 'PERSONAL_ACCESS_TOKEN',
      system: 'github',
      fingerprint: `sha256:${nhi.id}`,
      subjectType: 'HUMAN',
      subjectId: sponsor.humanId,
      holderNhiId: nhi.id,
      issuedAt: '2026-11-01T00:00:00Z',
    });
    expect((await openFindings(nhi.id)).map((finding) => finding.type)).toEqual(['BORROWED_HUMAN_CREDENTIAL']);
    const db = await getDb();
    expect(await db.nhi.findUniqueOrThrow({ where: { id: nhi.id } })).toMatchObject({
      credentialCount: 1,
      standingCredentialCount: 1,
      borrowedCredentialCount: 1,
      highestSeverityRank: 3,
    });

    await expectRefused(() => revokeCredential(otherSponsor, { credentialId: credential.id, reason: 'not mine' }), 404);
    await expectRefused(() => revokeCredential(auditor, { credentialId: credential.id, reason: 'not mine' }), 403);
    await expectRefused(() => revokeCredential(sponsor, { credentialId: credential.id, reason: '' }), 422);
    const revoked = await revokeCredential(sponsor, { credentialId: credential.id, reason: 'moved to a task token' });
    expect(revoked).toMatchObject({
      status: 'REVOKED',
      revokedById: sponsor.humanId,
      revocationReason: 'moved to a task token',
    });
    expect(await openFindings(nhi.id)).toEqual([]);
    expect(await db.nhi.findUniqueOrThrow({ where: { id: nhi.id } })).toMatchObject({
      credentialCount: 0,
      borrowedCredentialCount: 0,
    });
  });

  it('reject task tokens, secrets in place of fingerprints, unknown references and expiries before issue', async () => {
    const nhi = await createNhi(security, agent());
    const valid = {
      name: 'ci key',
      kind: 'API_KEY',
      system: 'aws',
      fingerprint: `AKIA${nhi.id}`,
      subjectType: 'NHI',
      subjectId: nhi.id,
    };
    await expectRefused(() => createCredential(security, { ...valid, kind: 'TASK_TOKEN' }), 422);
    await expectRefused(() => createCredential(security, { ...valid, fingerprint: 'short' }), 422);
    await expectRefused(() => createCredential(security, { ...valid, subjectId: 'missing' }), 422);
    await expectRefused(
      () => createCredential(security, { ...valid, issuedAt: '2026-05-01', expiresAt: '2026-04-01' }),
      422,
    );
    await expectRefused(() => createCredential(sponsor, valid), 403);
    const created = await createCredential(security, valid);
    expect(created).toMatchObject({ subjectNhiId: nhi.id, holderNhiId: nhi.id });
    await expectRefused(() => createCredential(security, valid), 409);
    const renamed = await updateCredential(security, {
      ...valid,
      id: created.id,
      name: 'ci key (rotated)',
      lastRotatedAt: '2026-11-20',
    });
    expect(renamed.name).toBe('ci key (rotated)');
  });
});

describe('the identity detail page', () => {
  it('lists the changes people made to the identity beside what it did itself', async () => {
    const { getNhiDetail } = await import('../../lib/inventory/detail');
    const nhi = await createNhi(security, agent());
    await assignSponsor(security, { nhiId: nhi.id, sponsorId: otherSponsor.humanId });
    const { events } = await getNhiDetail(security, nhi.id);
    expect(events.map((event) => event.action)).toEqual(['nhi.sponsor_assign', 'nhi.create']);
  });
});
