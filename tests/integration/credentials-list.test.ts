import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import type { CredentialKind, CredentialStatus } from '../../lib/db/generated/sqlite/enums';
import type { HumanActor, KeyActor } from '../../lib/auth/actor';
import { CREDENTIALS_PAGE_SIZE, listCredentials } from '../../lib/credentials/list';
import { AppError } from '../../lib/errors';
import { credentialSearchText, nameKey } from '../../lib/inventory/search-text';
import { createPerson } from '../support/people';

type CredentialFixture = {
  name: string;
  kind?: CredentialKind;
  status?: CredentialStatus;
  subjectHumanId?: string;
  subjectNhiId?: string;
  holderNhiId?: string;
  issuedAt?: Date;
  expiresAt?: Date | null;
  lastUsedAt?: Date | null;
};

let admin: HumanActor;
let auditor: HumanActor;
let sponsorA: HumanActor;
let sponsorB: HumanActor;
let alice: { id: string; email: string };
let nhiA: string;
let nhiB: string;

const DAY = 86_400_000;
const now = Date.now();

function credentialData(fixture: CredentialFixture) {
  const data = {
    kind: 'API_KEY' as CredentialKind,
    system: 'github',
    fingerprint: `sha256:${randomUUID()}`,
    ...fixture,
  };
  return { ...data, searchText: credentialSearchText(data), nameKey: nameKey(data.name) };
}

async function addCredentials(fixtures: CredentialFixture[]): Promise<string[]> {
  const db = await getDb();
  const ids: string[] = [];
  for (const fixture of fixtures) ids.push((await db.credential.create({ data: credentialData(fixture) })).id);
  return ids;
}

async function addNhi(name: string, sponsorId: string | null): Promise<string> {
  const db = await getDb();
  const nhi = await db.nhi.create({
    data: { name, kind: 'AI_AGENT', system: 'github', externalId: `ext-${randomUUID()}`, sponsorId },
  });
  return nhi.id;
}

async function names(actor: HumanActor, params: Record<string, unknown>): Promise<string[]> {
  const { credentials } = await listCredentials(actor, params);
  return credentials.map((credential) => credential.name);
}

async function rejection(work: () => Promise<unknown>): Promise<AppError> {
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  [admin, auditor, sponsorA, sponsorB] = await Promise.all([
    createPerson('ADMIN'),
    createPerson('AUDITOR'),
    createPerson('SPONSOR'),
    createPerson('SPONSOR'),
  ]);
  const db = await getDb();
  alice = await db.human.create({ data: { name: 'Alice Developer', email: 'alice@acme.example' } });
  nhiA = await addNhi('agent-a', sponsorA.humanId);
  nhiB = await addNhi('agent-b', sponsorB.humanId);
  await addCredentials([
    { name: 'fx-borrowed-pat', kind: 'PERSONAL_ACCESS_TOKEN', subjectHumanId: alice.id, holderNhiId: nhiA },
    {
      name: 'fx-own-key',
      subjectNhiId: nhiA,
      holderNhiId: nhiA,
      expiresAt: new Date(now + DAY),
      lastUsedAt: new Date(now - DAY),
    },
    { name: 'fx-b-key', subjectNhiId: nhiB, holderNhiId: nhiB, status: 'REVOKED' },
    { name: 'fx-alice-password', kind: 'PASSWORD', subjectHumanId: alice.id },
    { name: 'fx-a-key-held-by-b', subjectNhiId: nhiA, holderNhiId: nhiB, expiresAt: new Date(now - DAY) },
  ]);
});

describe('filters', () => {
  it.each([
    [{}, ['fx-a-key-held-by-b', 'fx-alice-password', 'fx-b-key', 'fx-borrowed-pat', 'fx-own-key']],
    [{ kind: 'PASSWORD' }, ['fx-alice-password']],
    [{ status: 'REVOKED' }, ['fx-b-key']],
    [{ standing: '1' }, ['fx-alice-password', 'fx-b-key', 'fx-borrowed-pat']],
    [{ borrowed: '1' }, ['fx-borrowed-pat']],
    [{ standing: '1', status: 'ACTIVE' }, ['fx-alice-password', 'fx-borrowed-pat']],
    [{ q: 'FX-OWN' }, ['fx-own-key']],
  ])('%j narrows to exactly the matching credentials', async (params, expected) => {
    expect(await names(admin, { q: 'fx-', sort: 'name', ...params })).toEqual(expected);
  });

  it('counts a person using their own credential as not borrowed', async () => {
    expect(await names(admin, { q: 'fx-alice', borrowed: '1' })).toEqual([]);
  });
});

describe('who sees what', () => {
  it('shows a sponsor the credentials held by, or authenticating as, an identity they sponsor', async () => {
    expect((await names(sponsorA, { sort: 'name' })).sort()).toEqual([
      'fx-a-key-held-by-b',
      'fx-borrowed-pat',
      'fx-own-key',
    ]);
    expect((await names(sponsorB, { sort: 'name' })).sort()).toEqual(['fx-a-key-held-by-b', 'fx-b-key']);
    expect((await listCredentials(sponsorB, {})).total).toBe(2);
  });

  it('scopes a sponsor of many identities the same way', async () => {
    const busy = await createPerson('SPONSOR');
    const db = await getDb();
    await db.nhi.createMany({
      data: Array.from({ length: 450 }, (_, at) => ({
        name: `fleet-${at}`,
        kind: 'WORKLOAD' as const,
        system: 'k8s',
        externalId: `fleet-${at}-${randomUUID()}`,
        sponsorId: busy.humanId,
      })),
    });
    const fleet = await db.nhi.findFirstOrThrow({ where: { sponsorId: busy.humanId }, select: { id: true } });
    await addCredentials([{ name: 'fleet-key', subjectNhiId: fleet.id, holderNhiId: fleet.id }]);
    expect(await names(busy, {})).toEqual(['fleet-key']);
  });

  it('pages a sponsor with many credentials', async () => {
    const owner = await createPerson('SPONSOR');
    const nhiId = await addNhi('busy-agent', owner.humanId);
    const count = 2 * CREDENTIALS_PAGE_SIZE + 810;
    const db = await getDb();
    await db.credential.createMany({
      data: Array.from({ length: count }, (_, at) =>
        credentialData({ name: `busy-${at}`, subjectNhiId: nhiId, holderNhiId: nhiId }),
      ),
    });
    const lastPage = Math.ceil(count / CREDENTIALS_PAGE_SIZE);
    const [first, last] = await Promise.all(
      [1, lastPage].map((page) => listCredentials(owner, { sort: 'name', page })),
    );
    expect([first.total, first.credentials.length, last.credentials.length]).toEqual([
      count,
      CREDENTIALS_PAGE_SIZE,
      count - (lastPage - 1) * CREDENTIALS_PAGE_SIZE,
    ]);
    expect((await listCredentials(owner, { q: 'busy-1', sort: 'name' })).total).toBe(111);
  });

  it('lets an auditor read every credential', async () => {
    expect((await listCredentials(auditor, {})).total).toBe((await listCredentials(admin, {})).total);
  });

  it('refuses a machine key', async () => {
    const key: KeyActor = { kind: 'key', keyId: 'k', keyKind: 'ADMIN', keyName: 'automation', nhiId: null };
    expect((await rejection(() => listCredentials(key, {}))).status).toBe(403);
  });
});

describe('sorting and paging', () => {
  const token = 'sorted';
  const fixtures: CredentialFixture[] = [
    {
      name: 'sorted-alpha',
      kind: 'SSH_KEY',
      issuedAt: new Date(now - 3 * DAY),
      expiresAt: null,
      lastUsedAt: new Date(now - DAY),
    },
    {
      name: 'sorted-bravo',
      kind: 'API_KEY',
      issuedAt: new Date(now - DAY),
      expiresAt: new Date(now + 5 * DAY),
      lastUsedAt: null,
    },
    {
      name: 'sorted-charlie',
      kind: 'CERTIFICATE',
      issuedAt: new Date(now - 2 * DAY),
      expiresAt: new Date(now + DAY),
      lastUsedAt: new Date(now - 3 * DAY),
    },
    {
      name: 'sorted-delta',
      kind: 'TASK_TOKEN',
      issuedAt: new Date(now - 4 * DAY),
      expiresAt: null,
      lastUsedAt: null,
    },
  ];

  beforeAll(async () => {
    await addCredentials(fixtures);
  });

  it.each([
    ['name', 'asc', ['alpha', 'bravo', 'charlie', 'delta']],
    ['name', 'desc', ['delta', 'charlie', 'bravo', 'alpha']],
    ['kind', 'asc', ['bravo', 'charlie', 'alpha', 'delta']],
    ['kind', 'desc', ['delta', 'alpha', 'charlie', 'bravo']],
    ['issued', 'desc', ['bravo', 'charlie', 'alpha', 'delta']],
    ['issued', 'asc', ['delta', 'alpha', 'charlie', 'bravo']],
  ])('by %s %s', async (sort, dir, expected) => {
    expect(await names(admin, { q: token, sort, dir })).toEqual(expected.map((name) => `sorted-${name}`));
  });

  it('puts standing credentials after every expiry date, and never-used ones before every use', async () => {
    const expires = await names(admin, { q: token, sort: 'expires', dir: 'asc' });
    expect(expires.slice(0, 2)).toEqual(['sorted-charlie', 'sorted-bravo']);
    expect(expires.slice(2).sort()).toEqual(['sorted-alpha', 'sorted-delta']);
    const expiresDesc = await names(admin, { q: token, sort: 'expires', dir: 'desc' });
    expect(expiresDesc.slice(2)).toEqual(['sorted-bravo', 'sorted-charlie']);
    const lastUsed = await names(admin, { q: token, sort: 'lastUsed', dir: 'asc' });
    expect(lastUsed.slice(0, 2).sort()).toEqual(['sorted-bravo', 'sorted-delta']);
    expect(lastUsed.slice(2)).toEqual(['sorted-charlie', 'sorted-alpha']);
    const lastUsedDesc = await names(admin, { q: token, sort: 'lastUsed', dir: 'desc' });
    expect(lastUsedDesc.slice(0, 2)).toEqual(['sorted-alpha', 'sorted-charlie']);
  });

  it('breaks ties by id, so that pages never overlap', async () => {
    const count = CREDENTIALS_PAGE_SIZE + 10;
    const db = await getDb();
    const issuedAt = new Date(now - 7 * DAY);
    await db.credential.createMany({
      data: Array.from({ length: count }, (_, at) => credentialData({ name: `paged-${at % 3}`, issuedAt })),
    });
    for (const sort of ['name', 'issued', 'expires'] as const) {
      const [first, second] = await Promise.all(
        [1, 2].map((page) => listCredentials(admin, { q: 'paged-', sort, page })),
      );
      expect([first.total, first.credentials.length, second.credentials.length]).toEqual([
        count,
        CREDENTIALS_PAGE_SIZE,
        10,
      ]);
      const ids = [...first.credentials, ...second.credentials].map((credential) => credential.id);
      expect(new Set(ids).size).toBe(count);
    }
  });
});

describe('invalid parameters', () => {
  it.each([
    [{ kind: 'TOKEN' }, ['kind']],
    [{ status: 'active' }, ['status']],
    [{ sort: 'subject', dir: 'sideways' }, ['dir', 'sort']],
    [{ standing: 'true', page: '-1' }, ['page', 'standing']],
  ])('%j is a 422 naming the fields', async (params, fields) => {
    const error = await rejection(() => listCredentials(admin, params));
    expect(error.status).toBe(422);
    expect(Object.keys((error.details as { fieldErrors: object }).fieldErrors).sort()).toEqual(fields);
  });
});
