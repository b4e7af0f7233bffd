import 'server-only';
import { databaseFlavor, getDb } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { requireHuman, type Actor, type HumanActor } from '../auth/actor';
import { nhiScope, reachesOnlySponsored } from '../auth/ownership';
import { parseInput } from '../validation';
import { searchTerm } from './search-text';
import { nhiFilterSchema, type NhiFilter, type NhiSort, type SortDirection } from './schemas';

export const INVENTORY_PAGE_SIZE = 50;
const FACET_LIMIT = 500;

/** The list's conditions, each on an indexed column (or the stored search text), always within the actor's scope. */
export function nhiWhere(actor: HumanActor, filter: NhiFilter): Prisma.NhiWhereInput {
  const conditions: Prisma.NhiWhereInput[] = [nhiScope(actor, 'readNhis')];
  const term = searchTerm(filter.q);
  if (term) conditions.push({ searchText: { contains: term } });
  if (filter.kind) conditions.push({ kind: filter.kind });
  if (filter.system) conditions.push({ system: filter.system });
  if (filter.environment) conditions.push({ environment: filter.environment });
  if (filter.status) conditions.push({ status: filter.status });
  if (filter.sponsor) conditions.push({ sponsorId: filter.sponsor });
  if (filter.borrowed) conditions.push({ borrowedCredentialCount: { gt: 0 } });
  if (filter.orphaned) conditions.push({ orphaned: true });
  return { AND: conditions };
}

/** The denormalized column each sort reads: never a count computed per row. */
export const NHI_SORT_COLUMNS = {
  name: 'nameKey',
  kind: 'kind',
  system: 'system',
  environment: 'environment',
  status: 'status',
  credentials: 'credentialCount',
  standing: 'standingCredentialCount',
  lastSeen: 'lastSeenAt',
  findings: 'openFindingCount',
  severity: 'highestSeverityRank',
} as const satisfies Record<NhiSort, keyof Prisma.NhiOrderByWithRelationInput>;

/**
 * Orders a nullable column with its nulls where `nullsAre` says, the same on both databases. SQLite places nulls
 * as the smallest value and PostgreSQL as the largest; asking for a database's own placement keeps its index
 * usable, as Prisma emulates NULLS FIRST/LAST on SQLite with a CASE expression that no index serves.
 */
export function nullableOrder(
  dir: SortDirection,
  nullsAre: 'smallest' | 'largest',
): Prisma.SortOrderInput | SortDirection {
  const natural = databaseFlavor() === 'sqlite' ? 'smallest' : 'largest';
  if (nullsAre === natural) return dir;
  return { sort: dir, nulls: (nullsAre === 'smallest') === (dir === 'asc') ? 'first' : 'last' };
}

/** The sort, then the id so that pages never overlap. An identity never seen counts as the longest unseen. */
export function nhiOrderBy(sort: NhiSort, dir: SortDirection): Prisma.NhiOrderByWithRelationInput[] {
  const first: Prisma.NhiOrderByWithRelationInput =
    sort === 'lastSeen' ? { lastSeenAt: nullableOrder(dir, 'smallest') } : { [NHI_SORT_COLUMNS[sort]]: dir };
  return [first, { id: dir }];
}

export const nhiRowSelect = {
  id: true,
  name: true,
  kind: true,
  system: true,
  environment: true,
  status: true,
  lastSeenAt: true,
  credentialCount: true,
  standingCredentialCount: true,
  borrowedCredentialCount: true,
  openFindingCount: true,
  highestSeverityRank: true,
  orphaned: true,
  sponsor: { select: { id: true, name: true, status: true } },
} as const satisfies Prisma.NhiSelect;

/** One page of the NHIs the actor may read, filtered and sorted in the database, with the total that match. */
export async function listNhis(actor: Actor, input: unknown) {
  const reader = requireHuman(actor, 'inventory.read');
  const filter = parseInput(nhiFilterSchema, input);
  const where = nhiWhere(reader, filter);
  const db = await getDb();
  const [total, nhis] = await Promise.all([
    db.nhi.count({ where }),
    db.nhi.findMany({
      where,
      orderBy: nhiOrderBy(filter.sort, filter.dir),
      skip: (filter.page - 1) * INVENTORY_PAGE_SIZE,
      take: INVENTORY_PAGE_SIZE,
      select: nhiRowSelect,
    }),
  ]);
  return { filter, total, nhis, pageSize: INVENTORY_PAGE_SIZE };
}

export type NhiListRow = Awaited<ReturnType<typeof listNhis>>['nhis'][number];

/** The choices of the list's filters: systems, environments and (except for a sponsor) the people who sponsor. */
export async function listNhiFacets(actor: Actor) {
  const reader = requireHuman(actor, 'inventory.read');
  const scope = nhiScope(reader, 'readNhis');
  const db = await getDb();
  const [systems, environments, sponsors] = await Promise.all([
    db.nhi.groupBy({ by: ['system'], where: scope, orderBy: { system: 'asc' }, take: FACET_LIMIT }),
    db.nhi.groupBy({ by: ['environment'], where: scope, orderBy: { environment: 'asc' }, take: FACET_LIMIT }),
    reachesOnlySponsored(reader, 'readNhis')
      ? []
      : db.human.findMany({
          where: { sponsoredNhis: { some: {} } },
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
          take: FACET_LIMIT,
          select: { id: true, name: true, email: true },
        }),
  ]);
  return {
    systems: systems.map((row) => row.system),
    environments: environments.map((row) => row.environment),
    sponsors,
  };
}

export type NhiFacets = Awaited<ReturnType<typeof listNhiFacets>>;
