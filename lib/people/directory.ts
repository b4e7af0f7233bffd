import 'server-only';
import { getDb, type Db } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { requireHuman, type Actor } from '../auth/actor';
import { nhiScope } from '../auth/ownership';
import { notFound } from '../errors';
import { searchTerm } from '../inventory/search-text';
import { parseInput } from '../validation';
import { peopleFilterSchema, type PeopleFilter } from './directory-schemas';
import { sponsoredNhisSchema } from './person-page-schemas';
import { personIdSchema } from './schemas';

/** Everyone in the organisation, whether or not they sign in to Steward: what they sponsor and what is theirs. */

export const PEOPLE_PAGE_SIZE = 50;
export const SPONSORED_NHIS_PAGE_SIZE = 50;
const PERSON_DETAIL_LIST_LIMIT = 100;

const ACTIVE_CREDENTIAL = { status: 'ACTIVE' } as const satisfies Prisma.CredentialWhereInput;
/** A credential that authenticates as a person and is used by an NHI. */
const BORROWED_CREDENTIAL = {
  ...ACTIVE_CREDENTIAL,
  holderNhiId: { not: null },
} as const satisfies Prisma.CredentialWhereInput;

function peopleWhere(filter: PeopleFilter): Prisma.HumanWhereInput {
  const conditions: Prisma.HumanWhereInput[] = [];
  const term = searchTerm(filter.q);
  if (term) {
    // Lowercased columns only, so that case does not matter on either database. People added before search
    // text was stored have an empty one: their email still matches.
    conditions.push({ OR: [{ searchText: { contains: term } }, { email: { contains: term } }] });
  }
  if (filter.status === 'active') conditions.push({ status: 'ACTIVE' });
  if (filter.status === 'offboarded') conditions.push({ status: 'OFFBOARDED' });
  return { AND: conditions };
}

const personRowSelect = {
  id: true,
  name: true,
  email: true,
  title: true,
  department: true,
  status: true,
  role: true,
  manager: { select: { id: true, name: true, status: true } },
  _count: { select: { sponsoredNhis: true, subjectCredentials: { where: ACTIVE_CREDENTIAL } } },
} as const satisfies Prisma.HumanSelect;

async function borrowedCountsOf(db: Db, humanIds: string[]): Promise<Map<string, number>> {
  const groups = await db.credential.groupBy({
    by: ['subjectHumanId'],
    where: { subjectHumanId: { in: humanIds }, ...BORROWED_CREDENTIAL },
    _count: { _all: true },
  });
  return new Map(groups.map((group) => [group.subjectHumanId ?? '', group._count._all]));
}

/** One page of people, by name, with how many NHIs each sponsors and how many active credentials are theirs. */
export async function listPeople(actor: Actor, input: unknown) {
  requireHuman(actor, 'people.read');
  const filter = parseInput(peopleFilterSchema, input);
  const where = peopleWhere(filter);
  const db = await getDb();
  const [total, rows] = await Promise.all([
    db.human.count({ where }),
    db.human.findMany({
      where,
      orderBy: [{ nameKey: 'asc' }, { id: 'asc' }],
      skip: (filter.page - 1) * PEOPLE_PAGE_SIZE,
      take: PEOPLE_PAGE_SIZE,
      select: personRowSelect,
    }),
  ]);
  const borrowed = await borrowedCountsOf(
    db,
    rows.map((row) => row.id),
  );
  const people = rows.map(({ _count, ...person }) => ({
    ...person,
    sponsoredNhiCount: _count.sponsoredNhis,
    activeCredentialCount: _count.subjectCredentials,
    borrowedCredentialCount: borrowed.get(person.id) ?? 0,
  }));
  return { filter, total, people, pageSize: PEOPLE_PAGE_SIZE };
}

const nhiSummarySelect = { id: true, name: true, kind: true, status: true, system: true } as const;

const credentialSummarySelect = {
  id: true,
  name: true,
  kind: true,
  system: true,
  status: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  holderNhi: { select: { id: true, name: true } },
} as const satisfies Prisma.CredentialSelect;

/** Active ones first (the enum's first value on both databases sorts first as text too), then by name. */
const credentialOrder = [
  { status: 'asc' },
  { name: 'asc' },
  { id: 'asc' },
] as const satisfies Prisma.CredentialOrderByWithRelationInput[];

/** Credentials that authenticate as the person and that an NHI holds: a machine acting under their name. */
const HELD_BY_AN_NHI = { holderNhiId: { not: null } } as const satisfies Prisma.CredentialWhereInput;
const HELD_BY_NO_NHI = { holderNhiId: null } as const satisfies Prisma.CredentialWhereInput;

const personDetailSelect = {
  id: true,
  name: true,
  email: true,
  title: true,
  department: true,
  status: true,
  role: true,
  signInDisabledAt: true,
  lastSignInAt: true,
  offboardedAt: true,
  createdAt: true,
  manager: { select: { id: true, name: true, email: true, status: true } },
  ownedNhis: {
    orderBy: [{ nhi: { name: 'asc' } }, { nhiId: 'asc' }],
    take: PERSON_DETAIL_LIST_LIMIT,
    select: { addedAt: true, nhi: { select: { ...nhiSummarySelect, sponsor: { select: { id: true, name: true } } } } },
  },
  _count: { select: { sponsoredNhis: true, ownedNhis: true } },
} as const satisfies Prisma.HumanSelect;

async function credentialsOf(db: Db, humanId: string, held: Prisma.CredentialWhereInput) {
  const where = { subjectHumanId: humanId, ...held };
  const [total, credentials] = await Promise.all([
    db.credential.count({ where }),
    db.credential.findMany({
      where,
      orderBy: credentialOrder,
      take: PERSON_DETAIL_LIST_LIMIT,
      select: credentialSummarySelect,
    }),
  ]);
  return { total, credentials };
}

/**
 * A person's profile, the NHIs they co-own and the credentials that authenticate as them: first those an NHI
 * holds (borrowed), then those no NHI holds. The NHIs they sponsor are paged by `listSponsoredNhis`.
 */
export async function getPerson(actor: Actor, input: unknown) {
  requireHuman(actor, 'people.read');
  const { humanId } = parseInput(personIdSchema, input);
  const db = await getDb();
  const person = await db.human.findUnique({ where: { id: humanId }, select: personDetailSelect });
  if (!person) throw notFound('That person');
  const borrowed = await credentialsOf(db, humanId, HELD_BY_AN_NHI);
  const own = await credentialsOf(db, humanId, HELD_BY_NO_NHI);
  const { _count, ...profile } = person;
  return {
    ...profile,
    borrowedCredentials: borrowed.credentials,
    ownCredentials: own.credentials,
    totals: { ..._count, borrowedCredentials: borrowed.total, ownCredentials: own.total },
  };
}

/** One page of the NHIs a person sponsors, by name, within the reader's reach; paged in the database. */
export async function listSponsoredNhis(actor: Actor, input: unknown) {
  const reader = requireHuman(actor, 'people.read');
  const { humanId, page } = parseInput(sponsoredNhisSchema, input);
  const where: Prisma.NhiWhereInput = { AND: [nhiScope(reader, 'readNhis'), { sponsorId: humanId }] };
  const db = await getDb();
  const [total, nhis] = await Promise.all([
    db.nhi.count({ where }),
    db.nhi.findMany({
      where,
      orderBy: [{ nameKey: 'asc' }, { name: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * SPONSORED_NHIS_PAGE_SIZE,
      take: SPONSORED_NHIS_PAGE_SIZE,
      select: nhiSummarySelect,
    }),
  ]);
  return { page, total, nhis, pageSize: SPONSORED_NHIS_PAGE_SIZE };
}

export type SponsoredNhisPage = Awaited<ReturnType<typeof listSponsoredNhis>>;

export type PersonDetail = Awaited<ReturnType<typeof getPerson>>;
