import 'server-only';
import { databaseFlavor, type Tx } from '../db';
import { AUDIT_ACTIONS, STEWARD_SOURCE } from './actions';
import type { AuditEventInput } from './append';
import type { ChainedEvent } from './chain';

/**
 * The counters kept beside the chain in the append's own transaction, so that charts, metrics and lookups by
 * correlation id never scan the trail. Each table takes one statement per append, whatever the batch's size.
 */

type Row = Record<string, string | number | null>;

/** How a counter table is keyed and what a conflicting row does: add the counts, keep the newest labels. */
type CounterTable = { name: string; keys: readonly string[]; values: readonly string[]; latest?: readonly string[] };

const DAILY: CounterTable = {
  name: 'audit_daily_rollups',
  keys: ['day', 'attribution', 'outcome', 'initiatorType', 'executorType'],
  values: ['count'],
};

const PAIRS: CounterTable = {
  name: 'audit_daily_pair_rollups',
  keys: ['day', 'initiatorKey', 'executorKey'],
  values: ['count'],
  latest: ['initiatorType', 'initiatorId', 'initiatorLabel', 'executorType', 'executorId', 'executorLabel'],
};

const DECISIONS: CounterTable = {
  name: 'decision_daily_rollups',
  keys: ['day', 'decision', 'reason'],
  values: ['count'],
};

/** Rows per statement: each travels as one JSON parameter, as the events' own insert does. */
const ROWS_PER_STATEMENT = 2_000;

function columnsOf(table: CounterTable): string[] {
  return [...table.keys, ...(table.latest ?? []), ...table.values];
}

function quoted(columns: readonly string[]): string {
  return columns.map((column) => `"${column}"`).join(', ');
}

/**
 * One upsert of many rows. PostgreSQL reads the JSON rows with the table's own column types (enums included);
 * SQLite needs `WHERE true` so that its parser does not take ON CONFLICT for a join constraint.
 */
function upsertStatement(table: CounterTable, postgres: boolean): string {
  const columns = columnsOf(table);
  const updates = [
    ...table.values.map((column) => `"${column}" = "${table.name}"."${column}" + excluded."${column}"`),
    ...(table.latest ?? []).map((column) => `"${column}" = excluded."${column}"`),
  ].join(', ');
  const source = postgres
    ? `SELECT ${quoted(columns)} FROM json_populate_recordset(NULL::"${table.name}", $1::json)`
    : `SELECT ${columns.map((column) => `value ->> '${column}'`).join(', ')} FROM json_each(?) WHERE true`;
  return (
    `INSERT INTO "${table.name}" (${quoted(columns)}) ${source} ` +
    `ON CONFLICT (${quoted(table.keys)}) DO UPDATE SET ${updates}`
  );
}

/** Adds the rows' counts to the table; rows with the same key are summed first. */
async function addCounts(tx: Tx, table: CounterTable, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const summed = new Map<string, Row>();
  for (const row of rows) {
    const key = table.keys.map((column) => row[column]).join('\u0000');
    const entry = summed.get(key);
    if (!entry) summed.set(key, { ...row });
    else for (const column of table.values) entry[column] = Number(entry[column]) + Number(row[column]);
  }
  const statement = upsertStatement(table, databaseFlavor() === 'postgres');
  const all = [...summed.values()];
  for (let start = 0; start < all.length; start += ROWS_PER_STATEMENT) {
    await tx.$executeRawUnsafe(statement, JSON.stringify(all.slice(start, start + ROWS_PER_STATEMENT)));
  }
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A principal as the pair counters name it: by id when Steward knows it, else by the label the log gave. */
export function principalKey(type: string, id: string | null, label: string | null): string {
  return `${type}:${id ?? label ?? ''}`;
}

function dailyRow(event: ChainedEvent): Row {
  return {
    day: utcDay(event.occurredAt),
    attribution: event.attribution,
    outcome: event.outcome,
    initiatorType: event.initiatorType,
    executorType: event.executorType,
    count: 1,
  };
}

function pairRow(event: ChainedEvent): Row {
  return {
    day: utcDay(event.occurredAt),
    initiatorKey: principalKey(event.initiatorType, event.initiatorId, event.initiatorLabel),
    initiatorType: event.initiatorType,
    initiatorId: event.initiatorId,
    initiatorLabel: event.initiatorLabel,
    executorKey: principalKey(event.executorType, event.executorId, event.executorLabel),
    executorType: event.executorType,
    executorId: event.executorId,
    executorLabel: event.executorLabel,
    count: 1,
  };
}

/** A runtime decision counts once, plus the unknown-token denials it stands for (recorded once a minute). */
function decisionRow(event: ChainedEvent, input: AuditEventInput): Row | null {
  if (event.action !== AUDIT_ACTIONS.runtimeAuthorize || event.source !== STEWARD_SOURCE) return null;
  const details = input.details ?? {};
  const decision = details.decision === 'allow' ? 'allow' : 'deny';
  const earlier = typeof details.deniedEarlier === 'number' ? details.deniedEarlier : 0;
  return {
    day: utcDay(event.occurredAt),
    decision,
    reason: typeof details.reason === 'string' ? details.reason : 'ERROR',
    count: 1 + earlier,
  };
}

/** Correlation ids (W3C trace ids) that events' details carry, found later without reading details. */
async function indexCorrelations(tx: Tx, events: ChainedEvent[], inputs: AuditEventInput[]): Promise<void> {
  const rows = events.flatMap((event, index) => {
    const correlationId = inputs[index].details?.correlationId;
    return typeof correlationId === 'string' && correlationId !== '' ? [{ correlationId, seq: event.seq }] : [];
  });
  if (rows.length > 0) await tx.auditCorrelation.createMany({ data: rows });
}

/** Brings every counter up to date with appended events; `inputs[i]` is what `events[i]` was made from. */
export async function addToCounters(tx: Tx, events: ChainedEvent[], inputs: AuditEventInput[]): Promise<void> {
  await addCounts(tx, DAILY, events.map(dailyRow));
  await addCounts(tx, PAIRS, events.map(pairRow));
  await addCounts(
    tx,
    DECISIONS,
    events.map((event, index) => decisionRow(event, inputs[index])).filter((row): row is Row => row !== null),
  );
  await indexCorrelations(tx, events, inputs);
}
