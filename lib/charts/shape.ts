import type { Attribution, PrincipalType } from '../db/generated/sqlite/enums';

/**
 * The audit charts' data, shaped from the daily counters alone. Pure: the loader reads the rollups, these
 * functions turn rows into series, rankings and a matrix, so they are tested without a database.
 */

export const ATTRIBUTIONS: readonly Attribution[] = [
  'HUMAN',
  'AGENT_DELEGATED',
  'AGENT_AUTONOMOUS',
  'AGENT_BORROWED',
  'UNKNOWN',
];

/** Attributions under which an agent, not a person, carried the action out. */
export const AGENT_ATTRIBUTIONS: readonly Attribution[] = ['AGENT_DELEGATED', 'AGENT_AUTONOMOUS', 'AGENT_BORROWED'];

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The longest range the charts draw, in days: a longer one keeps its last days. */
export const MAX_CHART_DAYS = 400;
export const DEFAULT_CHART_DAYS = 90;

export type ChartRange = { from: string; to: string; days: string[]; clamped: boolean };

function dayOf(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (DAY_PATTERN.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function dayString(number: number): string {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The UTC days the charts cover: the filters' from/to (days or ISO datetimes, inclusive), by default the last
 * 90 days up to today. An inverted range is read the right way round; one longer than MAX_CHART_DAYS keeps
 * its end.
 */
export function chartRange(
  filters: { from?: string | Date | null; to?: string | Date | null },
  today = new Date(),
): ChartRange {
  const fromDay = dayOf(filters.from);
  const toDay = dayOf(filters.to);
  let end = dayNumber(toDay ?? dayOf(today) ?? '1970-01-01');
  let start = fromDay ? dayNumber(fromDay) : end - (DEFAULT_CHART_DAYS - 1);
  if (start > end) [start, end] = [end, start];
  const clamped = end - start + 1 > MAX_CHART_DAYS;
  if (clamped) start = end - (MAX_CHART_DAYS - 1);
  const days = Array.from({ length: end - start + 1 }, (_, index) => dayString(start + index));
  return { from: days[0], to: days[days.length - 1], days, clamped };
}

export type DailyAttribution = { day: string } & Record<Attribution, number>;

export type AttributionCount = { day: string; attribution: Attribution; count: number };
export type MarkCount = { day: string; storedAttribution: Attribution; count: number };

function emptyDay(day: string): DailyAttribution {
  return { day, HUMAN: 0, AGENT_DELEGATED: 0, AGENT_AUTONOMOUS: 0, AGENT_BORROWED: 0, UNKNOWN: 0 };
}

/**
 * Events per day by effective attribution: the rollups count events as stored, and each borrowed-credential
 * mark moves one event of its day from the attribution it was stored with to AGENT_BORROWED.
 */
export function effectiveSeries(
  days: readonly string[],
  rollups: readonly AttributionCount[],
  marks: readonly MarkCount[],
): DailyAttribution[] {
  const byDay = new Map(days.map((day) => [day, emptyDay(day)]));
  for (const row of rollups) {
    const entry = byDay.get(row.day);
    if (entry) entry[row.attribution] += row.count;
  }
  for (const mark of marks) {
    const entry = byDay.get(mark.day);
    if (!entry || mark.storedAttribution === 'AGENT_BORROWED') continue;
    const moved = Math.min(mark.count, entry[mark.storedAttribution]);
    entry[mark.storedAttribution] -= moved;
    entry.AGENT_BORROWED += moved;
  }
  return [...byDay.values()];
}

export type BorrowedShareDay = {
  day: string;
  borrowed: number;
  agentActions: number;
  /** borrowed / agentActions, from 0 to 1; null on a day with no agent action. */
  share: number | null;
};

/** Per day, the part of what agents carried out that they did with a person's credential. */
export function borrowedShare(series: readonly DailyAttribution[]): BorrowedShareDay[] {
  return series.map((entry) => {
    const agentActions = AGENT_ATTRIBUTIONS.reduce((sum, attribution) => sum + entry[attribution], 0);
    return {
      day: entry.day,
      borrowed: entry.AGENT_BORROWED,
      agentActions,
      share: agentActions === 0 ? null : entry.AGENT_BORROWED / agentActions,
    };
  });
}

/** A principal as the pair counters key it (`<type>:<id or label>`), with a name to show. */
export type ChartPrincipal = {
  key: string;
  type: PrincipalType;
  id: string | null;
  name: string;
  /** What the audit page's initiator/executor filter takes for it: the id, else the label; null if neither. */
  filter: string | null;
};

export type RankedPrincipal = ChartPrincipal & { count: number };

/** The value after `<type>:` in a pair counter's key: the principal's id, else its label. */
export function keyValue(key: string): string {
  const colon = key.indexOf(':');
  return colon === -1 ? key : key.slice(colon + 1);
}

/** Most counted first; equal counts in key order, so the ranking is stable between loads. */
export function byCountThenKey(a: { key: string; count: number }, b: { key: string; count: number }): number {
  return b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export function topN<T extends { key: string; count: number }>(rows: readonly T[], n: number): T[] {
  return [...rows].sort(byCountThenKey).slice(0, n);
}

export type PairCount = { initiatorKey: string; executorKey: string; count: number };

export type MatrixShape = {
  initiatorKeys: string[];
  executorKeys: string[];
  /** cells[i][j]: events initiator i asked for that executor j carried out. */
  cells: number[][];
  /** Each row's and each column's sum over the cells shown. */
  initiatorTotals: number[];
  executorTotals: number[];
  /** The largest cell, for the colour scale. */
  max: number;
  /** Events between the range's people and agents that fall outside the top rows and columns. */
  outside: number;
};

/**
 * Who drove which agent, for a heat map: the busiest pairs first, each bringing its person and its agent in
 * while there is room for them (n of each), so the grid shows the heaviest links rather than people and agents
 * that are busy with others. Rows and columns run from the largest total shown.
 */
export function pairMatrix(pairs: readonly PairCount[], n: number): MatrixShape {
  const rows = new Set<string>();
  const columns = new Set<string>();
  const heaviest = [...pairs].sort(
    (a, b) =>
      b.count - a.count ||
      (a.initiatorKey < b.initiatorKey ? -1 : a.initiatorKey > b.initiatorKey ? 1 : 0) ||
      (a.executorKey < b.executorKey ? -1 : a.executorKey > b.executorKey ? 1 : 0),
  );
  for (const pair of heaviest) {
    const row = rows.has(pair.initiatorKey) || rows.size < n;
    const column = columns.has(pair.executorKey) || columns.size < n;
    if (row && column && pair.count > 0) {
      rows.add(pair.initiatorKey);
      columns.add(pair.executorKey);
    }
  }
  const shown = pairs.filter((pair) => rows.has(pair.initiatorKey) && columns.has(pair.executorKey));
  const totals = (side: 'initiatorKey' | 'executorKey', keys: Set<string>) => {
    const sums = new Map([...keys].map((key) => [key, 0]));
    for (const pair of shown) sums.set(pair[side], (sums.get(pair[side]) ?? 0) + pair.count);
    return topN(
      [...sums].map(([key, count]) => ({ key, count })),
      n,
    );
  };
  const initiators = totals('initiatorKey', rows);
  const executors = totals('executorKey', columns);
  const rowOf = new Map(initiators.map((row, index) => [row.key, index]));
  const columnOf = new Map(executors.map((column, index) => [column.key, index]));
  const cells = initiators.map(() => executors.map(() => 0));
  let outside = 0;
  for (const pair of pairs) {
    const row = rowOf.get(pair.initiatorKey);
    const column = columnOf.get(pair.executorKey);
    if (row === undefined || column === undefined) outside += pair.count;
    else cells[row][column] += pair.count;
  }
  return {
    initiatorKeys: initiators.map((row) => row.key),
    executorKeys: executors.map((column) => column.key),
    cells,
    initiatorTotals: initiators.map((row) => row.count),
    executorTotals: executors.map((column) => column.count),
    max: cells.reduce((largest, row) => Math.max(largest, ...row), 0),
    outside,
  };
}

export type DecisionRow = { day: string; decision: string; reason: string; count: number };
export type DecisionDay = { day: string; allow: number; deny: number; denyReasons: Record<string, number> };
export type ReasonTotal = { decision: 'allow' | 'deny'; reason: string; count: number };

/** Allowed and denied runtime decisions per day, each day's denials by reason. */
export function decisionSeries(days: readonly string[], rows: readonly DecisionRow[]): DecisionDay[] {
  const byDay = new Map(days.map((day): [string, DecisionDay] => [day, { day, allow: 0, deny: 0, denyReasons: {} }]));
  for (const row of rows) {
    const entry = byDay.get(row.day);
    if (!entry) continue;
    if (row.decision === 'allow') entry.allow += row.count;
    else {
      entry.deny += row.count;
      entry.denyReasons[row.reason] = (entry.denyReasons[row.reason] ?? 0) + row.count;
    }
  }
  return [...byDay.values()];
}

/** Decisions over the whole range by decision and reason, the most frequent first. */
export function reasonTotals(rows: readonly DecisionRow[]): ReasonTotal[] {
  const sums = new Map<string, ReasonTotal>();
  for (const row of rows) {
    const decision = row.decision === 'allow' ? 'allow' : 'deny';
    const key = `${decision}|${row.reason}`;
    const entry = sums.get(key);
    if (entry) entry.count += row.count;
    else sums.set(key, { decision, reason: row.reason, count: row.count });
  }
  return [...sums.values()].sort(
    (a, b) => b.count - a.count || a.decision.localeCompare(b.decision) || a.reason.localeCompare(b.reason),
  );
}
