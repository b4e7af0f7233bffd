import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HumanActor } from '../../lib/auth/actor';
import { transaction } from '../../lib/db';
import { humanSearchText } from '../../lib/inventory/search-text';
import { listPeople } from '../../lib/people/directory';
import { listAccounts } from '../../lib/people/list';
import { createPerson } from '../support/people';

let admin: HumanActor;
const marker = randomUUID().slice(0, 8);
const name = `Zoë Quartermain ${marker}`;

beforeAll(async () => {
  admin = await createPerson('ADMIN');
  const email = `zoe.${marker}@acme.example`;
  await transaction((tx) =>
    tx.human.create({ data: { name, email, role: 'AUDITOR', searchText: humanSearchText({ name, email }) } }),
  );
});

describe('people search ignores case on both databases', () => {
  for (const query of ['quartermain', 'QUARTERMAIN', 'Quartermain', `ZOE.${marker.toUpperCase()}`]) {
    it(`finds the account and the person by "${query}"`, async () => {
      const accounts = await listAccounts(admin, { q: query });
      expect(accounts.accounts.map((account) => account.name)).toEqual([name]);
      const people = await listPeople(admin, { q: query });
      expect(people.total).toBe(1);
    });
  }
});
