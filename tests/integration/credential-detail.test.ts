import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import type { HumanActor } from '../../lib/auth/actor';
import { getCredentialDetail } from '../../lib/credentials/detail';
import { revokeCredential } from '../../lib/credentials/manage';
import { setNhiOwners } from '../../lib/identities/manage';
import { listNhiOwners } from '../../lib/identities/owners';
import { suggestNhis, suggestPeople } from '../../lib/inventory/pickers';
import { AppError } from '../../lib/errors';
import { createPerson } from '../support/people';

let security: HumanActor;
let auditor: HumanActor;
let sponsor: HumanActor;
let otherSponsor: HumanActor;
let ownNhiId: string;
let othersNhiId: string;
let ownCredentialId: string;
let othersCredentialId: string;

async function addNhi(name: string, sponsorId: string) {
  const db = await getDb();
  const externalId = `ext-${randomUUID()}`;
  return db.nhi.create({
    data: { name, kind: 'AI_AGENT', system: 'github', externalId, sponsorId, searchText: `${name} ${externalId}` },
  });
}

async function addCredential(name: string, holderNhiId: string) {
  const db = await getDb();
  const credential = await db.credential.create({
    data: { kind: 'API_KEY', name, system: 'github', fingerprint: `sha256:${randomUUID()}`, holderNhiId },
  });
  return credential.id;
}

async function status(work: () => Promise<unknown>): Promise<number> {
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).status;
}

beforeAll(async () => {
  [security, auditor, sponsor, otherSponsor] = await Promise.all([
    createPerson('SECURITY'),
    createPerson('AUDITOR'),
    createPerson('SPONSOR'),
    createPerson('SPONSOR'),
  ]);
  const tag = randomUUID().slice(0, 8);
  ownNhiId = (await addNhi(`picker-own-${tag}`, sponsor.humanId)).id;
  othersNhiId = (await addNhi(`picker-others-${tag}`, otherSponsor.humanId)).id;
  ownCredentialId = await addCredential('own deploy key', ownNhiId);
  othersCredentialId = await addCredential('others deploy key', othersNhiId);
});

describe('credential detail', () => {
  it('shows a sponsor the credentials of their own NHIs, and answers 404 for the others', async () => {
    const { credential } = await getCredentialDetail(sponsor, ownCredentialId);
    expect(credential.holderNhi?.id).toBe(ownNhiId);
    expect(await status(() => getCredentialDetail(sponsor, othersCredentialId))).toBe(404);
    expect(await status(() => getCredentialDetail(sponsor, 'no-such-credential'))).toBe(404);
    expect((await getCredentialDetail(auditor, othersCredentialId)).credential.id).toBe(othersCredentialId);
  });

  it("puts a sponsor's revocation, with its reason, on the credential's own trail", async () => {
    const credentialId = await addCredential('revoked by its sponsor', ownNhiId);
    await revokeCredential(sponsor, { credentialId, reason: 'Moved to a task-scoped token' });
    const { credential, events } = await getCredentialDetail(sponsor, credentialId);
    expect(credential.status).toBe('REVOKED');
    expect(credential.revocationReason).toBe('Moved to a task-scoped token');
    expect(credential.revokedBy?.id).toBe(sponsor.humanId);
    expect(events.map((event) => [event.action, event.initiatorLabel])).toContainEqual([
      'credential.revoke',
      sponsor.email,
    ]);
  });
});

describe('searchable pickers', () => {
  it('suggest identities to those who manage the inventory only', async () => {
    const found = await suggestNhis(security, { q: 'PICKER-OWN' });
    expect(found.map((nhi) => nhi.id)).toContain(ownNhiId);
    expect(await suggestNhis(security, { q: '  ' })).toEqual([]);
    expect(await status(() => suggestNhis(sponsor, { q: 'picker' }))).toBe(403);
  });

  it('suggest active people by name or email, to sponsors too, and never to auditors', async () => {
    const found = await suggestPeople(sponsor, { q: otherSponsor.email.toUpperCase() });
    expect(found).toEqual([{ id: otherSponsor.humanId, label: otherSponsor.name, detail: otherSponsor.email }]);
    expect(await status(() => suggestPeople(auditor, { q: 'test' }))).toBe(403);
  });
});

describe('co-owners', () => {
  it("lists the co-owners a sponsor set on their own NHI, and nothing of another's", async () => {
    await setNhiOwners(sponsor, { nhiId: ownNhiId, ownerIds: [auditor.humanId] });
    expect(await listNhiOwners(sponsor, ownNhiId)).toEqual([
      { id: auditor.humanId, label: auditor.name, detail: auditor.email },
    ]);
    await setNhiOwners(otherSponsor, { nhiId: othersNhiId, ownerIds: [auditor.humanId] });
    expect(await listNhiOwners(sponsor, othersNhiId)).toEqual([]);
  });
});
