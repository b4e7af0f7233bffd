import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import type { HumanActor } from '../../lib/auth/actor';
import { getPerson, listSponsoredNhis, SPONSORED_NHIS_PAGE_SIZE } from '../../lib/people/directory';
import { createPerson } from '../support/people';

const SPONSORED = SPONSORED_NHIS_PAGE_SIZE * 2 + 7;

let auditor: HumanActor;
let personId: string;

beforeAll(async () => {
  auditor = await createPerson('AUDITOR');
  const db = await getDb();
  const person = await db.human.create({ data: { name: 'Grace Hopper', email: `grace-${randomUUID()}@acme.example` } });
  personId = person.id;
  await db.nhi.createMany({
    data: Array.from({ length: SPONSORED }, (_, index) => {
      const name = `agent-${String(index).padStart(3, '0')}`;
      return { name, nameKey: name, kind: 'AI_AGENT', system: 'github', externalId: name, sponsorId: person.id };
    }),
  });
  const holder = await db.nhi.findFirstOrThrow({ where: { sponsorId: person.id } });
  const credential = (name: string, holderNhiId: string | null, status: 'ACTIVE' | 'REVOKED' = 'ACTIVE') => ({
    name,
    kind: 'PERSONAL_ACCESS_TOKEN' as const,
    system: 'github',
    fingerprint: `sha256:${randomUUID()}`,
    subjectHumanId: person.id,
    holderNhiId,
    status,
  });
  await db.credential.createMany({
    data: [
      credential('a laptop token', null),
      credential('b revoked borrowed token', holder.id, 'REVOKED'),
      credential('c borrowed token', holder.id),
    ],
  });
});

describe("a person's page", () => {
  it('pages the NHIs they sponsor in the database, by name, to the last one', async () => {
    const pages = [];
    for (let page = 1; page <= 3; page += 1) pages.push(await listSponsoredNhis(auditor, { humanId: personId, page }));
    expect(pages.map((page) => page.nhis.length)).toEqual([SPONSORED_NHIS_PAGE_SIZE, SPONSORED_NHIS_PAGE_SIZE, 7]);
    expect(pages.every((page) => page.total === SPONSORED)).toBe(true);
    const names = pages.flatMap((page) => page.nhis.map((nhi) => nhi.name));
    expect(names).toEqual(Array.from({ length: SPONSORED }, (_, index) => `agent-${String(index).padStart(3, '0')}`));
    expect((await listSponsoredNhis(auditor, { humanId: personId, page: '4' })).nhis).toEqual([]);
  });

  it('answers a bad page calmly, as a field to fix', async () => {
    for (const page of ['0', 'x', '-1']) {
      await expect(listSponsoredNhis(auditor, { humanId: personId, page })).rejects.toMatchObject({ status: 422 });
    }
  });

  it('puts the credentials an NHI borrows from them first, active ones on top', async () => {
    const person = await getPerson(auditor, { humanId: personId });
    expect(person.borrowedCredentials.map((credential) => credential.name)).toEqual([
      'c borrowed token',
      'b revoked borrowed token',
    ]);
    expect(person.ownCredentials.map((credential) => credential.name)).toEqual(['a laptop token']);
    expect(person.totals).toMatchObject({ sponsoredNhis: SPONSORED, borrowedCredentials: 2, ownCredentials: 1 });
  });

  it('is refused to a sponsor', async () => {
    const sponsor = await createPerson('SPONSOR');
    await expect(listSponsoredNhis(sponsor, { humanId: personId })).rejects.toMatchObject({ status: 403 });
  });
});
