import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import type { NhiKind } from '../../lib/db/generated/sqlite/enums';
import type { HumanActor } from '../../lib/auth/actor';
import { signInWithPassword } from '../../lib/auth/sign-in';
import { AppError } from '../../lib/errors';
import { recomputeFindings } from '../../lib/findings/recompute';
import { offboardPerson, previewOffboarding, readOffboardingRecord } from '../../lib/people/offboarding';
import { countRows, createPerson } from '../support/people';

const PASSWORD = 'a long enough password';
const REASON = 'Left the company on Friday';

let admin: HumanActor;
let security: HumanActor;

beforeAll(async () => {
  admin = await createPerson('ADMIN');
  security = await createPerson('SECURITY');
});

async function createNhi(name: string, sponsorId: string | null, kind: NhiKind = 'AI_AGENT') {
  const db = await getDb();
  const nhi = await db.nhi.create({ data: { system: 'github', externalId: randomUUID(), name, kind, sponsorId } });
  await recomputeFindings(db, { nhiIds: [nhi.id] });
  return nhi;
}

async function createCredential(subjectHumanId: string, holderNhiId: string | null, status: 'ACTIVE' | 'REVOKED') {
  const db = await getDb();
  const credential = await db.credential.create({
    data: {
      kind: 'PERSONAL_ACCESS_TOKEN',
      name: `token ${randomUUID().slice(0, 6)}`,
      system: 'github',
      fingerprint: `sha256:${randomUUID()}`,
      subjectHumanId,
      holderNhiId,
      status,
    },
  });
  await recomputeFindings(db, { credentialIds: [credential.id], nhiIds: holderNhiId ? [holderNhiId] : [] });
  return credential;
}

async function setManager(humanId: string, managerId: string | null) {
  const db = await getDb();
  await db.human.update({ where: { id: humanId }, data: { managerId } });
}

/** A person who sponsors two NHIs, lends one credential to an agent and holds another one of their own. */
async function personWithAccess(managerId: string | null) {
  const person = await createPerson('SPONSOR', { password: PASSWORD });
  await setManager(person.humanId, managerId);
  const agent = await createNhi('Release agent', person.humanId);
  const service = await createNhi('Billing sync', person.humanId, 'SERVICE_ACCOUNT');
  const borrower = await createNhi('Triage bot', security.humanId);
  const borrowed = await createCredential(person.humanId, borrower.id, 'ACTIVE');
  const own = await createCredential(person.humanId, null, 'ACTIVE');
  const alreadyRevoked = await createCredential(person.humanId, null, 'REVOKED');
  return { person, agent, service, borrower, borrowed, own, alreadyRevoked };
}

/** Everything an offboarding would change, to prove a refusal changed none of it. */
async function snapshot() {
  const db = await getDb();
  const [rows, revoked, offboarded, unsponsored, openFindings] = await Promise.all([
    countRows(),
    db.credential.count({ where: { status: 'REVOKED' } }),
    db.human.count({ where: { status: 'OFFBOARDED' } }),
    db.nhi.count({ where: { sponsorId: null } }),
    db.finding.count({ where: { status: 'OPEN' } }),
  ]);
  return { ...rows, revoked, offboarded, unsponsored, openFindings };
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
}

async function offboard(actor: HumanActor, humanId: string) {
  const preview = await previewOffboarding(actor, { humanId });
  const receipt = await offboardPerson(actor, { humanId, reason: REASON, impactDigest: preview.digest });
  return { preview, receipt };
}

describe('offboarding a person with an active manager', () => {
  it('previews the impact: credentials to revoke (borrowed flagged), NHIs passing to the manager, access ending', async () => {
    const manager = await createPerson(null);
    const { person, agent, service, borrower, borrowed, own } = await personWithAccess(manager.humanId);
    const preview = await previewOffboarding(security, { humanId: person.humanId });
    expect(preview.blocker).toBeNull();
    expect(preview.successor?.id).toBe(manager.humanId);
    expect(preview.endsDashboardAccess).toBe(true);
    expect(preview.credentials.map((credential) => [credential.id, credential.borrowed]).sort()).toEqual(
      [
        [borrowed.id, true],
        [own.id, false],
      ].sort(),
    );
    expect(preview.credentials.find((credential) => credential.borrowed)?.holderNhi).toEqual({
      id: borrower.id,
      name: borrower.name,
    });
    expect(preview.nhis.map((nhi) => [nhi.id, nhi.outcome]).sort()).toEqual(
      [
        [agent.id, 'TO_MANAGER'],
        [service.id, 'TO_MANAGER'],
      ].sort(),
    );
  });

  it('does exactly what the preview showed, in one audited transaction', async () => {
    const manager = await createPerson(null);
    const { person, agent, service, borrower, borrowed, own, alreadyRevoked } = await personWithAccess(manager.humanId);
    const before = await countRows();
    const { preview, receipt } = await offboard(security, person.humanId);
    expect(receipt).toMatchObject({
      revokedCredentials: 2,
      borrowedCredentials: 1,
      reassignedNhis: 2,
      unsponsoredNhis: 0,
      endedDashboardAccess: true,
    });

    const db = await getDb();
    const stored = await db.human.findUniqueOrThrow({ where: { id: person.humanId } });
    expect(stored).toMatchObject({ status: 'OFFBOARDED', role: 'SPONSOR' });
    expect(stored.offboardedAt).toBeInstanceOf(Date);
    expect(stored.signInDisabledAt).toBeInstanceOf(Date);

    const credentials = await db.credential.findMany({ where: { subjectHumanId: person.humanId } });
    const revokedNow = credentials.filter((credential) => credential.revokedById === security.humanId);
    expect(revokedNow.map((credential) => credential.id).sort()).toEqual(
      preview.credentials.map((credential) => credential.id).sort(),
    );
    expect(revokedNow.map((credential) => credential.id).sort()).toEqual([borrowed.id, own.id].sort());
    for (const credential of revokedNow) {
      expect(credential).toMatchObject({ status: 'REVOKED' });
      expect(credential.revokedAt).toBeInstanceOf(Date);
      expect(credential.revocationReason).toContain(REASON);
    }
    expect(credentials.find((credential) => credential.id === alreadyRevoked.id)?.revokedById).toBeNull();

    const nhis = await db.nhi.findMany({ where: { id: { in: [agent.id, service.id] } } });
    expect(nhis.map((nhi) => [nhi.sponsorId, nhi.orphaned])).toEqual([
      [manager.humanId, false],
      [manager.humanId, false],
    ]);
    const holder = await db.nhi.findUniqueOrThrow({ where: { id: borrower.id } });
    expect(holder.borrowedCredentialCount).toBe(0);

    expect((await countRows()).headSeq).toBe(before.headSeq + 1);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(event).toMatchObject({
      action: 'person.offboard',
      attribution: 'HUMAN',
      initiatorId: security.humanId,
      executorId: security.humanId,
      resource: `human:${person.humanId}`,
    });
    const details = JSON.parse(event.details);
    expect(details).toMatchObject({ reason: REASON, revokedCredentials: 2, reassignedNhis: 2 });
    expect(details.revokedCredentialIds.sort()).toEqual(preview.credentials.map((credential) => credential.id).sort());
    expect(details.borrowedCredentialIds).toEqual([borrowed.id]);
    expect(details.reassignedNhiIds.sort()).toEqual(preview.nhis.map((nhi) => nhi.id).sort());
    expect(details.unsponsoredNhiIds).toEqual([]);

    const record = await readOffboardingRecord(admin, { humanId: person.humanId });
    expect(record).toMatchObject({ by: security.email, details: { reason: REASON, revokedCredentials: 2 } });
  });

  it('ends the person’s dashboard access: they cannot sign in any more', async () => {
    const { person } = await personWithAccess(null);
    expect((await signInWithPassword({ email: person.email, password: PASSWORD }, {})).ok).toBe(true);
    await offboard(admin, person.humanId);
    const result = await signInWithPassword({ email: person.email, password: PASSWORD }, {});
    expect(result.ok).toBe(false);
    expect(['NO_ACCESS', 'INVALID']).toContain(!result.ok && result.reason);
  });
});

describe('offboarding someone who made API keys', () => {
  it('revokes the keys they made that belong to no NHI, shown in the preview, and leaves NHI keys alone', async () => {
    const person = await createPerson('SECURITY');
    const agent = await createNhi('Deploy agent', security.humanId);
    const db = await getDb();
    const loose = await db.apiKey.create({
      data: {
        name: 'their ingest key',
        kind: 'INGEST',
        prefix: 'stw_ingest_x',
        keyHash: randomUUID(),
        createdById: person.humanId,
      },
    });
    const bound = await db.apiKey.create({
      data: {
        name: 'agent key',
        kind: 'AGENT',
        prefix: 'stw_agent_xx',
        keyHash: randomUUID(),
        nhiId: agent.id,
        createdById: person.humanId,
      },
    });
    const { preview, receipt } = await offboard(admin, person.humanId);
    expect(preview.apiKeys.map((key) => key.id)).toEqual([loose.id]);
    expect(receipt.revokedApiKeys).toBe(1);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: loose.id } })).revokedAt).not.toBeNull();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: bound.id } })).revokedAt).toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(JSON.parse(event.details)).toMatchObject({ revokedApiKeyIds: [loose.id] });
  });
});

describe('offboarding a person without an active manager', () => {
  it('leaves their NHIs without a sponsor, flagged orphaned with an open ORPHANED finding', async () => {
    const formerManager = await createPerson(null);
    const { person, agent, service } = await personWithAccess(formerManager.humanId);
    await offboard(admin, formerManager.humanId);
    const { preview, receipt } = await offboard(security, person.humanId);
    expect(preview.successor).toBeNull();
    expect(preview.nhis.every((nhi) => nhi.outcome === 'UNSPONSORED')).toBe(true);
    expect(receipt).toMatchObject({ reassignedNhis: 0, unsponsoredNhis: 2 });

    const db = await getDb();
    const nhis = await db.nhi.findMany({ where: { id: { in: [agent.id, service.id] } } });
    expect(nhis.map((nhi) => [nhi.sponsorId, nhi.orphaned])).toEqual([
      [null, true],
      [null, true],
    ]);
    const findings = await db.finding.findMany({
      where: { type: 'ORPHANED', status: 'OPEN', nhiId: { in: [agent.id, service.id] } },
    });
    expect(findings).toHaveLength(2);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(JSON.parse(event.details).unsponsoredNhiIds.sort()).toEqual([agent.id, service.id].sort());
  });
});

describe('refusals', () => {
  it('refuses a stale preview with 409 and changes nothing', async () => {
    const { person, borrower } = await personWithAccess(null);
    const preview = await previewOffboarding(security, { humanId: person.humanId });
    await createCredential(person.humanId, borrower.id, 'ACTIVE');
    await expectRefused(
      () => offboardPerson(security, { humanId: person.humanId, reason: REASON, impactDigest: preview.digest }),
      409,
      'STALE_PREVIEW',
    );
    const fresh = await previewOffboarding(security, { humanId: person.humanId });
    expect(fresh.credentials).toHaveLength(3);
    expect(fresh.digest).not.toBe(preview.digest);
  });

  it('refuses SPONSOR and AUDITOR with 403, preview included, and writes nothing', async () => {
    const { person } = await personWithAccess(null);
    const preview = await previewOffboarding(security, { humanId: person.humanId });
    for (const role of ['SPONSOR', 'AUDITOR'] as const) {
      const actor = await createPerson(role);
      await expectRefused(() => previewOffboarding(actor, { humanId: person.humanId }), 403, 'FORBIDDEN');
      await expectRefused(
        () => offboardPerson(actor, { humanId: person.humanId, reason: REASON, impactDigest: preview.digest }),
        403,
        'FORBIDDEN',
      );
    }
    const key = { kind: 'key' as const, keyId: 'k', keyKind: 'ADMIN' as const, keyName: 'automation', nhiId: null };
    await expectRefused(
      () => offboardPerson(key, { humanId: person.humanId, reason: REASON, impactDigest: preview.digest }),
      403,
    );
  });

  it('refuses offboarding yourself, someone already offboarded and the last enabled ADMIN', async () => {
    const self = await previewOffboarding(security, { humanId: security.humanId });
    expect(self.blocker).toMatch(/yourself/);
    await expectRefused(
      () => offboardPerson(security, { humanId: security.humanId, reason: REASON, impactDigest: self.digest }),
      409,
    );

    const { person } = await personWithAccess(null);
    const { preview } = await offboard(security, person.humanId);
    await expectRefused(
      () => offboardPerson(security, { humanId: person.humanId, reason: REASON, impactDigest: preview.digest }),
      409,
    );

    const lastAdmin = await previewOffboarding(security, { humanId: admin.humanId });
    expect(lastAdmin.blocker).toMatch(/last enabled ADMIN/);
    await expectRefused(
      () => offboardPerson(security, { humanId: admin.humanId, reason: REASON, impactDigest: lastAdmin.digest }),
      409,
    );
  });

  it('rejects a missing reason with a field error, and an unknown person with 404', async () => {
    const { person } = await personWithAccess(null);
    const preview = await previewOffboarding(security, { humanId: person.humanId });
    await expectRefused(
      () => offboardPerson(security, { humanId: person.humanId, reason: ' ', impactDigest: preview.digest }),
      422,
      'INVALID_INPUT',
    );
    await expectRefused(
      () => offboardPerson(security, { humanId: 'nobody', reason: REASON, impactDigest: preview.digest }),
      404,
    );
  });
});
