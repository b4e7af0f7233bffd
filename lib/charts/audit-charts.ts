import 'server-only';
import { getDb, type Db } from '../db';
import type { PrincipalType } from '../db/generated/sqlite/enums';
import { requirePermission, type Actor } from '../auth/actor';
import type { AuditFilters } from '../audit/explorer-filters';
import {
  borrowedShare,
  chartRange,
  decisionSeries,
  effectiveSeries,
  keyValue,
  pairMatrix,
  reasonTotals,
  type ChartPrincipal,
  type ChartRange,
  type RankedPrincipal,
} from './shape';

/** How many people and agents the rankings and the matrix show. */
export const TOP_PRINCIPALS = 10;
export const MATRIX_SIZE = 8;

type DayWhere = { day: { gte: string; lte: string } };

function dayWhere(range: ChartRange): DayWhere {
  return { day: { gte: range.from, lte: range.to } };
}

async function attributionData(db: Db, range: ChartRange) {
  const [rollups, marks] = await Promise.all([
    db.auditDailyRollup.groupBy({ by: ['day', 'attribution'], where: dayWhere(range), _sum: { count: true } }),
    db.borrowedEventMark.groupBy({ by: ['day', 'storedAttribution'], where: dayWhere(range), _count: { _all: true } }),
  ]);
  const events = effectiveSeries(
    range.days,
    rollups.map((row) => ({ day: row.day, attribution: row.attribution, count: row._sum.count ?? 0 })),
    marks.map((row) => ({ day: row.day, storedAttribution: row.storedAttribution, count: row._count._all })),
  );
  return { events, borrowedShare: borrowedShare(events) };
}

type Side = 'initiator' | 'executor';
type KeyedCount = { key: string; type: PrincipalType; id: string | null; count: number };

/** Each principal on one side of the pair counters with its events over the range, the most active first. */
async function ranking(db: Db, range: ChartRange, side: Side, type: PrincipalType, take: number) {
  const rows =
    side === 'initiator'
      ? await db.auditDailyPairRollup.groupBy({
          by: ['initiatorKey', 'initiatorId'],
          where: { ...dayWhere(range), initiatorType: type },
          _sum: { count: true },
          orderBy: [{ _sum: { count: 'desc' } }, { initiatorKey: 'asc' }],
          take,
        })
      : await db.auditDailyPairRollup.groupBy({
          by: ['executorKey', 'executorId'],
          where: { ...dayWhere(range), executorType: type },
          _sum: { count: true },
          orderBy: [{ _sum: { count: 'desc' } }, { executorKey: 'asc' }],
          take,
        });
  return rows.map((row): KeyedCount => ({
    key: 'initiatorKey' in row ? row.initiatorKey : row.executorKey,
    id: 'initiatorKey' in row ? row.initiatorId : row.executorId,
    type,
    count: row._sum.count ?? 0,
  }));
}

/**
 * Names to show: a person's or an NHI's name when Steward knows its id, else the label the log gave. NHIs that
 * share a name (one agent per system or environment) are told apart by where they run.
 */
async function named(db: Db, rows: readonly Omit<KeyedCount, 'count'>[]): Promise<Map<string, ChartPrincipal>> {
  const ids = (type: PrincipalType) => [
    ...new Set(rows.filter((row) => row.type === type && row.id).map((row) => row.id as string)),
  ];
  const [humans, nhis] = await Promise.all([
    db.human.findMany({ where: { id: { in: ids('HUMAN') } }, select: { id: true, name: true } }),
    db.nhi.findMany({
      where: { id: { in: ids('NHI') } },
      select: { id: true, name: true, system: true, environment: true },
    }),
  ]);
  const nameCounts = countBy(nhis.map((nhi) => nhi.name));
  const names = new Map([
    ...humans.map((human): [string, string] => [human.id, human.name]),
    ...nhis.map((nhi): [string, string] => [
      nhi.id,
      (nameCounts.get(nhi.name) ?? 0) > 1 ? `${nhi.name} (${[nhi.system, nhi.environment].join(', ')})` : nhi.name,
    ]),
  ]);
  return new Map(
    rows.map((row) => {
      const value = keyValue(row.key);
      const name = (row.id ? names.get(row.id) : undefined) ?? (value || 'Unnamed');
      return [row.key, { key: row.key, type: row.type, id: row.id, name, filter: value || null }];
    }),
  );
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function ranked(rows: readonly KeyedCount[], names: Map<string, ChartPrincipal>): RankedPrincipal[] {
  return rows.map((row) => ({ ...(names.get(row.key) as ChartPrincipal), count: row.count }));
}

/** The heaviest pairs the grid picks its people and agents from: enough to fill it, few enough to read fast. */
const MATRIX_CANDIDATES = 200;

/**
 * Who asked agents for what. The grid's people and agents come from the heaviest pairs; then every cell between
 * them is counted, and the events between people and agents outside the grid are told as one number (the daily
 * rollups count all events a person asked an NHI for, without reading the larger pair counters again).
 */
async function matrixData(db: Db, range: ChartRange) {
  const where = { ...dayWhere(range), initiatorType: 'HUMAN', executorType: 'NHI' } as const;
  // An agent's key starts with its type: matching the prefix instead of the type column leaves SQLite one index to
  // use, the people's (a few thousand rows), rather than the agents' (most of the counters).
  const peopleToAgents = { ...dayWhere(range), initiatorType: 'HUMAN', executorKey: { startsWith: 'NHI:' } } as const;
  const [heaviest, all] = await Promise.all([
    db.auditDailyPairRollup.groupBy({
      by: ['initiatorKey', 'executorKey'],
      where: peopleToAgents,
      _sum: { count: true },
      orderBy: [{ _sum: { count: 'desc' } }, { initiatorKey: 'asc' }, { executorKey: 'asc' }],
      take: MATRIX_CANDIDATES,
    }),
    db.auditDailyRollup.aggregate({ where, _sum: { count: true } }),
  ]);
  const picked = pairMatrix(
    heaviest.map((row) => ({ ...row, count: row._sum.count ?? 0 })),
    MATRIX_SIZE,
  );
  const rows = await db.auditDailyPairRollup.groupBy({
    by: ['initiatorKey', 'initiatorId', 'executorKey', 'executorId'],
    where: { ...peopleToAgents, initiatorKey: { in: picked.initiatorKeys }, executorKey: { in: picked.executorKeys } },
    _sum: { count: true },
  });
  const shape = pairMatrix(
    rows.map((row) => ({ initiatorKey: row.initiatorKey, executorKey: row.executorKey, count: row._sum.count ?? 0 })),
    MATRIX_SIZE,
  );
  const principals = new Map<string, Omit<KeyedCount, 'count'>>();
  for (const row of rows) {
    principals.set(row.initiatorKey, { key: row.initiatorKey, id: row.initiatorId, type: 'HUMAN' });
    principals.set(row.executorKey, { key: row.executorKey, id: row.executorId, type: 'NHI' });
  }
  const names = await named(db, [...principals.values()]);
  const principal = (key: string, count: number): RankedPrincipal => ({
    ...(names.get(key) as ChartPrincipal),
    count,
  });
  const shown = shape.initiatorTotals.reduce((sum, count) => sum + count, 0);
  return {
    initiators: shape.initiatorKeys.map((key, index) => principal(key, shape.initiatorTotals[index])),
    executors: shape.executorKeys.map((key, index) => principal(key, shape.executorTotals[index])),
    cells: shape.cells,
    max: shape.max,
    outside: (all._sum.count ?? 0) - shown,
  };
}

async function decisionData(db: Db, range: ChartRange) {
  const rows = await db.decisionDailyRollup.groupBy({
    by: ['day', 'decision', 'reason'],
    where: dayWhere(range),
    _sum: { count: true },
  });
  const counts = rows.map((row) => ({ ...row, count: row._sum.count ?? 0 }));
  return { days: decisionSeries(range.days, counts), reasons: reasonTotals(counts) };
}

/**
 * The audit page's charts over the filters' days (by default the last 90), read from the daily counters
 * only: events by effective attribution, the share done with borrowed credentials, the busiest people and
 * agents, who drove which agent, and runtime decisions. Other filters narrow the table, not the charts.
 */
export async function loadAuditCharts(actor: Actor, filters: Pick<AuditFilters, 'from' | 'to'>, today = new Date()) {
  requirePermission(actor, 'audit.read');
  const range = chartRange(filters, today);
  const db = await getDb();
  const [attribution, initiatorRows, executorRows, matrix, decisions] = await Promise.all([
    attributionData(db, range),
    ranking(db, range, 'initiator', 'HUMAN', TOP_PRINCIPALS),
    ranking(db, range, 'executor', 'NHI', TOP_PRINCIPALS),
    matrixData(db, range),
    decisionData(db, range),
  ]);
  const names = await named(db, [...initiatorRows, ...executorRows]);
  return {
    range: { from: range.from, to: range.to, days: range.days.length, clamped: range.clamped },
    ...attribution,
    initiators: ranked(initiatorRows, names),
    executors: ranked(executorRows, names),
    matrix,
    decisions,
  };
}

export type AuditChartsData = Awaited<ReturnType<typeof loadAuditCharts>>;
