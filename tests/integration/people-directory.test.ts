import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import type { HumanActor } from '../../lib/auth/actor';
import { humanSearchText } from '../../lib/inventory/search-text';
import { getPerson, listPeople, listSponsoredNhis, PEOPLE_PAGE_SIZE } from '../../lib/people/directory';
import { createPerson } from '../support/people';

let auditor: HumanActor;
let security: HumanActor;
let sponsor: HumanActor;
let ada: { id: string; email: string };
let manager: { id: string };
let agentId: string;
let coOwnedId: string;

async function addHuman(name: string, fields: { managerId?: string; status?: 'ACTIVE' | 'OFFBOARDED' } = {}) {
  const db = await getDb();
  const email = `${name.toLowerCase().replaceAll(' ', '.')}-${randomUUID().slice(0, 6)}@acme.example`;
  return db.human.create({
    data: { name, email, searchText: humanSearchText({ name, email }), department: 'Platform', ...fields },
  });
}

async function addCredential(subjectHumanId: string, holderNhiId: string | null, status: 'ACTIVE' | 'REVOKED') {
  const db = await getDb();
  return db.credential.create({
    data: {
      kind: 'PASSWORD',
      name: `login ${randomUUID().slice(0, 6)}`,
      system: 'okta',
      fingerprint: `sha256:${randomUUID()}`,
      subjectHumanId,
      holderNhiId,
      status,
    },
  });
}

beforeAll(async () => {
  auditor = await createPerson('AUDITOR');
  security = await createPerson('SECURITY');
  sponsor = await createPerson('SPONSOR');
  manager = await addHuman('Margaret Hamilton');
  ada = await addHuman('Ada Lovelace', { managerId: manager.id });
  const db = await getDb();
  const agent = await db.nhi.create({
    data: { system: 'github', externalId: 'release-agent', name: 'Release agent', kind: 'AI_AGENT', sponsorId: ada.id },
  });
  await db.nhi.create({
    data: { system: 'aws', externalId: 'billing', name: 'Billing sync', kind: 'SERVICE_ACCOUNT', sponsorId: ada.id },
  });
  const coOwned = await db.nhi.create({
    data: { system: 'gcp', externalId: 'etl', name: 'Nightly ETL', kind: 'WORKLOAD', sponsorId: manager.id },
  });
  await db.nhiOwner.create({ data: { nhiId: coOwned.id, humanId: ada.id } });
  agentId = agent.id;
  coOwnedId = coOwned.id;
  await addCredential(ada.id, agent.id, 'ACTIVE');
  await addCredential(ada.id, null, 'ACTIVE');
  await addCredential(ada.id, agent.id, 'REVOKED');
  await addHuman('Alan Turing', { status: 'OFFBOARDED' });
});

describe('the people directory', () => {
  it('lists every person, with the NHIs they sponsor and their active and borrowed credentials', async () => {
    const { people, total } = await listPeople(auditor, {});
    expect(total).toBe(6);
    const row = people.find((person) => person.id === ada.id);
    expect(row).toMatchObject({
      name: 'Ada Lovelace',
      department: 'Platform',
      status: 'ACTIVE',
      manager: { id: manager.id, name: 'Margaret Hamilton', status: 'ACTIVE' },
      sponsoredNhiCount: 2,
      activeCredentialCount: 2,
      borrowedCredentialCount: 1,
    });
    expect(people.find((person) => person.id === manager.id)).toMatchObject({
      sponsoredNhiCount: 1,
      activeCredentialCount: 0,
      borrowedCredentialCount: 0,
    });
  });

  it('searches by name or email, whatever the case, and also people stored without search text', async () => {
    expect((await listPeople(auditor, { q: 'LOVELACE' })).people.map((person) => person.id)).toEqual([ada.id]);
    expect((await listPeople(auditor, { q: ada.email.toUpperCase() })).people.map((person) => person.id)).toEqual([
      ada.id,
    ]);
    const withoutSearchText = await listPeople(auditor, { q: sponsor.email });
    expect(withoutSearchText.people.map((person) => person.id)).toEqual([sponsor.humanId]);
    expect((await listPeople(auditor, { q: 'nobody-like-this' })).total).toBe(0);
  });

  it('filters by status', async () => {
    const offboarded = await listPeople(auditor, { status: 'offboarded' });
    expect(offboarded.people.map((person) => person.name)).toEqual(['Alan Turing']);
    const active = await listPeople(auditor, { status: 'active' });
    expect(active.total).toBe(5);
    expect(active.people.every((person) => person.status === 'ACTIVE')).toBe(true);
  });

  it('pages by 50 in name order, and rejects a bad filter', async () => {
    const db = await getDb();
    await db.human.createMany({
      data: Array.from({ length: PEOPLE_PAGE_SIZE + 1 }, (_, index) => ({
        name: `Paged ${String(index).padStart(2, '0')}`,
        email: `paged-${index}@acme.example`,
        searchText: `paged ${index}`,
      })),
    });
    const first = await listPeople(security, { q: 'paged' });
    expect(first.total).toBe(PEOPLE_PAGE_SIZE + 1);
    expect(first.people).toHaveLength(PEOPLE_PAGE_SIZE);
    expect(first.people[0].name).toBe('Paged 00');
    const second = await listPeople(security, { q: 'paged', page: '2' });
    expect(second.people.map((person) => person.name)).toEqual([`Paged ${PEOPLE_PAGE_SIZE}`]);
    await expect(listPeople(security, { status: 'gone' })).rejects.toMatchObject({ status: 422 });
  });

  it('shows a person: manager, sponsored and co-owned NHIs, and credentials with the borrowing holder', async () => {
    const person = await getPerson(auditor, { humanId: ada.id });
    expect(person.manager).toMatchObject({ id: manager.id });
    const sponsored = await listSponsoredNhis(auditor, { humanId: ada.id });
    expect(sponsored.nhis.map((nhi) => nhi.name)).toEqual(['Billing sync', 'Release agent']);
    expect(person.ownedNhis.map((owner) => owner.nhi.id)).toEqual([coOwnedId]);
    expect(person.ownedNhis[0].nhi.sponsor).toMatchObject({ id: manager.id });
    expect(person.borrowedCredentials.map((credential) => [credential.holderNhi?.id, credential.status])).toEqual([
      [agentId, 'ACTIVE'],
      [agentId, 'REVOKED'],
    ]);
    expect(person.ownCredentials.map((credential) => credential.status)).toEqual(['ACTIVE']);
    expect(person.totals).toEqual({ sponsoredNhis: 2, ownedNhis: 1, borrowedCredentials: 2, ownCredentials: 1 });
    await expect(getPerson(auditor, { humanId: 'nobody' })).rejects.toMatchObject({ status: 404 });
  });

  it('is refused to a sponsor', async () => {
    await expect(listPeople(sponsor, {})).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
    await expect(getPerson(sponsor, { humanId: ada.id })).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });
});
