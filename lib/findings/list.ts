import 'server-only';
import { getDb, type Db } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import type { Severity } from '../db/generated/sqlite/enums';
import { requireHuman, type Actor, type HumanActor } from '../auth/actor';
import { nhiScope, reachesOnlySponsored } from '../auth/ownership';
import { controlsOf } from '../inventory/detail';
import { parseInput } from '../validation';
import { ANY_STATUS, SEVERITIES_BY_WEIGHT, findingFilterSchema, type FindingFilter } from './list-schemas';
import type { SortDirection } from '../inventory/schemas';

export const FINDINGS_PAGE_SIZE = 50;

/**
 * The findings a person may read: a sponsor those of the NHIs they sponsor, everyone else all of them (including
 * findings that belong to no NHI).
 */
export function findingReadScope(actor: HumanActor): Prisma.FindingWhereInput {
  return reachesOnlySponsored(actor, 'readNhis') ? { nhi: nhiScope(actor, 'readNhis') } : {};
}

export function findingWhere(actor: HumanActor, filter: FindingFilter): Prisma.FindingWhereInput {
  const conditions: Prisma.FindingWhereInput[] = [findingReadScope(actor)];
  if (filter.status !== ANY_STATUS) conditions.push({ status: filter.status });
  if (filter.type) conditions.push({ type: filter.type });
  if (filter.severity) conditions.push({ severity: filter.severity });
  // The column holds a JSON array of control ids: the quoted id matches one element exactly, never a prefix.
  if (filter.control) conditions.push({ controls: { contains: JSON.stringify(filter.control) } });
  return { AND: conditions };
}

const findingRowSelect = {
  id: true,
  type: true,
  severity: true,
  status: true,
  title: true,
  controls: true,
  detectedAt: true,
  acceptedUntil: true,
  nhi: {
    select: {
      id: true,
      name: true,
      kind: true,
      environment: true,
      sponsor: { select: { id: true, name: true, status: true } },
    },
  },
  credential: { select: { id: true, name: true } },
} as const satisfies Prisma.FindingSelect;

/** Within one severity (or by age), the oldest first: the finding that has waited longest comes first. */
function ageOrder(dir: SortDirection): Prisma.FindingOrderByWithRelationInput[] {
  const oldestFirst = dir === 'desc';
  return [{ detectedAt: oldestFirst ? 'asc' : 'desc' }, { id: oldestFirst ? 'asc' : 'desc' }];
}

type Window = { where: Prisma.FindingWhereInput; skip: number; take: number };

/**
 * Severity is an enum, which the two databases order differently (PostgreSQL by declaration, SQLite as text).
 * So the page is cut from per-severity buckets, most severe first: their sizes say which buckets the page
 * spans and where in each it starts, and each bucket is read sorted and paged in the database.
 */
function severityWindows(
  where: Prisma.FindingWhereInput,
  sizes: Map<Severity, number>,
  dir: SortDirection,
  offset: number,
  limit: number,
): Window[] {
  const order = dir === 'desc' ? SEVERITIES_BY_WEIGHT : [...SEVERITIES_BY_WEIGHT].reverse();
  const windows: Window[] = [];
  let skip = offset;
  let left = limit;
  for (const severity of order) {
    const size = sizes.get(severity) ?? 0;
    if (left === 0) break;
    if (skip >= size) {
      skip -= size;
      continue;
    }
    const take = Math.min(left, size - skip);
    windows.push({ where: { AND: [where, { severity }] }, skip, take });
    left -= take;
    skip = 0;
  }
  return windows;
}

async function bucketSizes(db: Db, where: Prisma.FindingWhereInput): Promise<Map<Severity, number>> {
  const groups = await db.finding.groupBy({ by: ['severity'], where, _count: { _all: true } });
  return new Map(groups.map((group) => [group.severity, group._count._all]));
}

async function readPage(db: Db, where: Prisma.FindingWhereInput, filter: FindingFilter) {
  const offset = (filter.page - 1) * FINDINGS_PAGE_SIZE;
  const sizes = await bucketSizes(db, where);
  const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
  const bySeverity = filter.sort === 'severity';
  const windows: Window[] = bySeverity
    ? severityWindows(where, sizes, filter.dir, offset, FINDINGS_PAGE_SIZE)
    : [{ where, skip: offset, take: FINDINGS_PAGE_SIZE }];
  const orderBy = ageOrder(bySeverity ? 'desc' : filter.dir);
  const rows = [];
  for (const window of windows) {
    rows.push(...(await db.finding.findMany({ ...window, orderBy, select: findingRowSelect })));
  }
  return { total, rows };
}

/** One page of the findings the actor may read, filtered, sorted and paged in the database. */
export async function listFindings(actor: Actor, input: unknown) {
  const reader = requireHuman(actor, 'inventory.read');
  const filter = parseInput(findingFilterSchema, input);
  const db = await getDb();
  const { total, rows } = await readPage(db, findingWhere(reader, filter), filter);
  const findings = rows.map(({ controls, ...finding }) => ({ ...finding, controls: controlsOf(controls) }));
  return { filter, total, findings, pageSize: FINDINGS_PAGE_SIZE };
}

export type FindingListRow = Awaited<ReturnType<typeof listFindings>>['findings'][number];
