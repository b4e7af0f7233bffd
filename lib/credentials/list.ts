import 'server-only';
import { getDb, type Db } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { requireHuman, type Actor, type HumanActor } from '../auth/actor';
import { reachesOnlySponsored } from '../auth/ownership';
import { nullableOrder } from '../inventory/list';
import { searchTerm } from '../inventory/search-text';
import type { SortDirection } from '../inventory/schemas';
import { parseInput } from '../validation';
import { credentialFilterSchema, type CredentialFilter, type CredentialSort } from './list-schemas';

export const CREDENTIALS_PAGE_SIZE = 50;

/** Prisma refuses a statement with more than 999 bound parameters on SQLite: inlined id lists stay below it. */
const INLINE_NHI_IDS = 400;
const INLINE_CREDENTIAL_IDS = 900;

/**
 * A sponsor reads the credentials held by, or authenticating as, an NHI they sponsor; other roles read all.
 * The sponsor's NHI ids are looked up first so the database can use the holder and subject indexes: a filter
 * through the relations joins every credential to its NHIs instead (seconds at 300,000 credentials).
 */
async function credentialReadScope(db: Db, actor: HumanActor): Promise<Prisma.CredentialWhereInput> {
  if (!reachesOnlySponsored(actor, 'readNhis')) return {};
  const sponsored = { sponsorId: actor.humanId };
  const nhis = await db.nhi.findMany({ where: sponsored, select: { id: true }, take: INLINE_NHI_IDS + 1 });
  if (nhis.length > INLINE_NHI_IDS) return { OR: [{ holderNhi: sponsored }, { subjectNhi: sponsored }] };
  const ids = nhis.map((nhi) => nhi.id);
  return { OR: [{ holderNhiId: { in: ids } }, { subjectNhiId: { in: ids } }] };
}

/**
 * A sponsor's credentials are few, and PostgreSQL misjudges how few: given the sort and a limit it walks the
 * whole sort index looking for them (half a second at 300,000 credentials). When the count says they are few,
 * their ids are listed first, through the holder and subject indexes, and the page is sorted from that list.
 */
async function pinnedToIds(db: Db, where: Prisma.CredentialWhereInput, total: number) {
  if (total > INLINE_CREDENTIAL_IDS) return where;
  const matches = await db.credential.findMany({ where, select: { id: true } });
  return { id: { in: matches.map((credential) => credential.id) } };
}

export function credentialWhere(
  scope: Prisma.CredentialWhereInput,
  filter: CredentialFilter,
): Prisma.CredentialWhereInput {
  const conditions: Prisma.CredentialWhereInput[] = [scope];
  const term = searchTerm(filter.q);
  if (term) conditions.push({ searchText: { contains: term } });
  if (filter.kind) conditions.push({ kind: filter.kind });
  if (filter.status) conditions.push({ status: filter.status });
  if (filter.standing) conditions.push({ expiresAt: null });
  if (filter.borrowed) conditions.push({ subjectHumanId: { not: null }, holderNhiId: { not: null } });
  return { AND: conditions };
}

/**
 * The sort, then the id so that pages never overlap. Nulls are placed the same on both databases: a standing
 * credential (no expiry) expires last, and one never used counts as the longest unused.
 */
function credentialOrderBy(sort: CredentialSort, dir: SortDirection): Prisma.CredentialOrderByWithRelationInput[] {
  const orders: Record<CredentialSort, Prisma.CredentialOrderByWithRelationInput> = {
    name: { nameKey: dir },
    kind: { kind: dir },
    issued: { issuedAt: dir },
    expires: { expiresAt: nullableOrder(dir, 'largest') },
    lastUsed: { lastUsedAt: nullableOrder(dir, 'smallest') },
  };
  return [orders[sort], { id: dir }];
}

const credentialRowSelect = {
  id: true,
  name: true,
  kind: true,
  system: true,
  status: true,
  issuedAt: true,
  expiresAt: true,
  lastUsedAt: true,
  subjectHuman: { select: { id: true, email: true, status: true } },
  subjectNhi: { select: { id: true, name: true } },
  holderNhi: { select: { id: true, name: true } },
} as const satisfies Prisma.CredentialSelect;

/** One page of the credentials the actor may read, filtered and sorted in the database, with the total. */
export async function listCredentials(actor: Actor, input: unknown) {
  const reader = requireHuman(actor, 'inventory.read');
  const filter = parseInput(credentialFilterSchema, input);
  const db = await getDb();
  const where = credentialWhere(await credentialReadScope(db, reader), filter);
  const page = (pageWhere: Prisma.CredentialWhereInput) =>
    db.credential.findMany({
      where: pageWhere,
      orderBy: credentialOrderBy(filter.sort, filter.dir),
      skip: (filter.page - 1) * CREDENTIALS_PAGE_SIZE,
      take: CREDENTIALS_PAGE_SIZE,
      select: credentialRowSelect,
    });
  const count = db.credential.count({ where });
  const [total, credentials] = reachesOnlySponsored(reader, 'readNhis')
    ? await count.then(async (total) => [total, await page(await pinnedToIds(db, where, total))] as const)
    : await Promise.all([count, page(where)]);
  return { filter, total, credentials, pageSize: CREDENTIALS_PAGE_SIZE };
}

export type CredentialListRow = Awaited<ReturnType<typeof listCredentials>>['credentials'][number];
