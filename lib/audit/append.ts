import 'server-only';
import { databaseFlavor, type Tx } from '../db';
import type { Attribution, AuditOutcome, CredentialKind, PrincipalType } from '../db/generated/sqlite/enums';
import {
  canonicalDetails,
  chainHash,
  CHAINED_EVENT_COLUMNS,
  CURRENT_HASH_VERSION,
  type ChainedEvent,
  type UnhashedEvent,
} from './chain';
import { STEWARD_SOURCE, type StewardAction } from './actions';
import type { AuditDetails } from './details';
import { addToCounters } from './rollups';

export type Principal = { type: PrincipalType; id?: string | null; label?: string | null };

export type AuditEventInput = {
  action: string;
  attribution: Attribution;
  initiator: Principal;
  executor: Principal;
  outcome?: AuditOutcome;
  resource?: string | null;
  occurredAt?: Date;
  source?: string;
  sourceEventId?: string | null;
  credential?: { id?: string | null; kind: CredentialKind; subjectType: PrincipalType } | null;
  scopeId?: string | null;
  environment?: string | null;
  details?: Record<string, unknown>;
};

export type AppendedEvent = { seq: number; hash: string };

/** Who records Steward's own events: the principal that both asks and acts, and how its acts are attributed. */
export type Performer = { principal: Principal; attribution: Attribution };

/** One of Steward's own audit events, asked for and carried out by the performer. */
export function stewardEvent<A extends StewardAction>(
  performer: Performer,
  action: A,
  resource: string | null,
  details: AuditDetails[A],
): AuditEventInput {
  return {
    action,
    resource,
    details,
    attribution: performer.attribution,
    initiator: performer.principal,
    executor: performer.principal,
  };
}

function toUnhashed(input: AuditEventInput, seq: number, recordedAt: Date): UnhashedEvent {
  return {
    seq,
    occurredAt: input.occurredAt ?? recordedAt,
    recordedAt,
    source: input.source ?? STEWARD_SOURCE,
    sourceEventId: input.sourceEventId ?? null,
    action: input.action,
    resource: input.resource ?? null,
    outcome: input.outcome ?? 'SUCCESS',
    initiatorType: input.initiator.type,
    initiatorId: input.initiator.id ?? null,
    initiatorLabel: input.initiator.label ?? null,
    executorType: input.executor.type,
    executorId: input.executor.id ?? null,
    executorLabel: input.executor.label ?? null,
    credentialId: input.credential?.id ?? null,
    credentialKind: input.credential?.kind ?? null,
    credentialSubjectType: input.credential?.subjectType ?? null,
    attribution: input.attribution,
    scopeId: input.scopeId ?? null,
    environment: input.environment ?? null,
    details: canonicalDetails(input.details),
    hashVersion: CURRENT_HASH_VERSION,
  };
}

type Usage = {
  credentialId: string;
  executorKey: string;
  executorLabel: string | null;
  environment: string;
  count: number;
  first: Date;
  last: Date;
  lastSeq: number;
};

/** Counts who used which credential where, from the events that name a credential Steward knows. */
async function addToCredentialUsage(tx: Tx, events: ChainedEvent[]): Promise<void> {
  const named = events.filter((event) => event.credentialId !== null);
  if (named.length === 0) return;
  const known = await tx.credential.findMany({
    where: { id: { in: [...new Set(named.map((event) => event.credentialId as string))] } },
    select: { id: true },
  });
  const knownIds = new Set(known.map((credential) => credential.id));
  const usages = new Map<string, Usage>();
  for (const event of named) {
    if (!knownIds.has(event.credentialId as string)) continue;
    const executorKey = `${event.executorType}:${event.executorId ?? event.executorLabel ?? ''}`;
    const environment = event.environment ?? '';
    const key = [event.credentialId, executorKey, environment].join('|');
    const usage = usages.get(key);
    if (usage) {
      usage.count += 1;
      if (event.occurredAt < usage.first) usage.first = event.occurredAt;
      if (event.occurredAt > usage.last) usage.last = event.occurredAt;
      usage.lastSeq = event.seq;
    } else {
      usages.set(key, {
        credentialId: event.credentialId as string,
        executorKey,
        executorLabel: event.executorLabel,
        environment,
        count: 1,
        first: event.occurredAt,
        last: event.occurredAt,
        lastSeq: event.seq,
      });
    }
  }
  const existing = await tx.credentialUsage.findMany({ where: { credentialId: { in: [...knownIds] } } });
  const existingByKey = new Map(
    existing.map((row) => [[row.credentialId, row.executorKey, row.environment].join('|'), row]),
  );
  const fresh = [...usages].filter(([key]) => !existingByKey.has(key)).map(([, usage]) => usage);
  await tx.credentialUsage.createMany({
    data: fresh.map((usage) => ({
      credentialId: usage.credentialId,
      executorKey: usage.executorKey,
      executorLabel: usage.executorLabel,
      environment: usage.environment,
      eventCount: usage.count,
      firstSeenAt: usage.first,
      lastSeenAt: usage.last,
      lastEventSeq: usage.lastSeq,
    })),
  });
  for (const [key, usage] of usages) {
    const row = existingByKey.get(key);
    if (!row) continue;
    await tx.credentialUsage.update({
      where: {
        credentialId_executorKey_environment: {
          credentialId: row.credentialId,
          executorKey: row.executorKey,
          environment: row.environment,
        },
      },
      data: {
        eventCount: { increment: usage.count },
        firstSeenAt: usage.first < row.firstSeenAt ? usage.first : row.firstSeenAt,
        lastSeenAt: usage.last > row.lastSeenAt ? usage.last : row.lastSeenAt,
        lastEventSeq: usage.lastSeq,
      },
    });
  }
}

const EVENT_COLUMNS = CHAINED_EVENT_COLUMNS;
const DATE_COLUMNS: ReadonlySet<string> = new Set(['occurredAt', 'recordedAt']);

/** Rows per statement: each batch travels as one JSON parameter, so only the statement's size bounds it. */
const ROWS_PER_INSERT = 2_000;

/** A date as both databases' Prisma adapters store it: ISO 8601 UTC to the millisecond. */
function storedDate(date: Date, postgres: boolean): string {
  const iso = date.toISOString();
  return postgres ? iso : `${iso.slice(0, 23)}+00:00`;
}

/**
 * The statement that inserts a JSON array of rows, one array of column values per row: the database unpacks
 * the rows itself, so a batch of thousands of events is one statement with one parameter, not one per value.
 * PostgreSQL reads each value with the column's own type (enums and timestamps included).
 */
function insertStatement(postgres: boolean): string {
  const columns = EVENT_COLUMNS.map((column) => `"${column}"`).join(', ');
  if (postgres) {
    return (
      `INSERT INTO "audit_events" (${columns}) SELECT ${columns} ` +
      `FROM json_populate_recordset(NULL::"audit_events", $1::json)`
    );
  }
  const values = EVENT_COLUMNS.map((_, index) => `value ->> ${index}`).join(', ');
  return `INSERT INTO "audit_events" (${columns}) SELECT ${values} FROM json_each(?)`;
}

/** One row's values in CHAINED_EVENT_COLUMNS order, dates as SQLite stores them. */
function sqliteRow(event: ChainedEvent): unknown[] {
  return [
    event.seq,
    storedDate(event.occurredAt, false),
    storedDate(event.recordedAt, false),
    event.source,
    event.sourceEventId,
    event.action,
    event.resource,
    event.outcome,
    event.initiatorType,
    event.initiatorId,
    event.initiatorLabel,
    event.executorType,
    event.executorId,
    event.executorLabel,
    event.credentialId,
    event.credentialKind,
    event.credentialSubjectType,
    event.attribution,
    event.scopeId,
    event.environment,
    event.details,
    event.hashVersion,
    event.prevHash,
    event.hash,
  ];
}

function rowObject(event: ChainedEvent): Record<string, unknown> {
  return Object.fromEntries(
    EVENT_COLUMNS.map((column) => {
      const value = event[column];
      return [column, DATE_COLUMNS.has(column) ? storedDate(value as Date, true) : value];
    }),
  );
}

const POSTGRES_ENUM_COLUMNS: Partial<Record<(typeof EVENT_COLUMNS)[number], string>> = {
  outcome: 'AuditOutcome',
  initiatorType: 'PrincipalType',
  executorType: 'PrincipalType',
  credentialKind: 'CredentialKind',
  credentialSubjectType: 'PrincipalType',
  attribution: 'Attribution',
};

/** Up to this many events, one INSERT with bound values: cheaper than unpacking JSON for the few a change records. */
const BOUND_ROWS = 40;

async function insertBound(tx: Tx, events: ChainedEvent[], postgres: boolean): Promise<void> {
  const columns = EVENT_COLUMNS.map((column) => `"${column}"`).join(', ');
  const values: unknown[] = [];
  const rows = events.map((event) => {
    const placeholders = EVENT_COLUMNS.map((column) => {
      values.push(event[column]);
      const cast = postgres ? POSTGRES_ENUM_COLUMNS[column] : undefined;
      return postgres ? `$${values.length}${cast ? `::"${cast}"` : ''}` : '?';
    });
    return `(${placeholders.join(', ')})`;
  });
  await tx.$executeRawUnsafe(`INSERT INTO "audit_events" (${columns}) VALUES ${rows.join(', ')}`, ...values);
}

/** Bulk appends (imports, seeding) cost one statement per 2,000 events, with the same stored values as an insert of each. */
async function insertEvents(tx: Tx, events: ChainedEvent[]): Promise<void> {
  const postgres = databaseFlavor() === 'postgres';
  if (events.length <= BOUND_ROWS) return insertBound(tx, events, postgres);
  const sql = insertStatement(postgres);
  for (let start = 0; start < events.length; start += ROWS_PER_INSERT) {
    const chunk = events.slice(start, start + ROWS_PER_INSERT);
    const rows = postgres ? chunk.map(rowObject) : chunk.map(sqliteRow);
    await tx.$executeRawUnsafe(sql, JSON.stringify(rows));
  }
}

/**
 * Appends events to the chain inside the caller's transaction, so they commit or roll back with the change
 * they record. Updating the chain-head row first takes the write lock (SQLite) or the row lock
 * (PostgreSQL), which serializes appends across connections and instances until the transaction ends.
 * `recordedAt` is read once that lock is held, so it does not decrease along seq (on clocks that agree).
 * A caller that took the lock itself earlier in the transaction passes the head it read then.
 */
/** Takes the chain's write lock for the rest of the caller's transaction (see appendAuditEvents). */
export async function lockChainHead(tx: Tx): Promise<AppendedEvent> {
  const head = await tx.auditChainHead.update({ where: { id: 1 }, data: { updatedAt: new Date() } });
  return { seq: head.seq, hash: head.hash };
}

export async function appendAuditEvents(
  tx: Tx,
  inputs: AuditEventInput[],
  lockedHead?: AppendedEvent,
): Promise<AppendedEvent[]> {
  if (inputs.length === 0) return [];
  const head = lockedHead ?? (await lockChainHead(tx));
  const recordedAt = new Date();
  let previous = { seq: head.seq, hash: head.hash };
  const events: ChainedEvent[] = inputs.map((input) => {
    const unhashed = toUnhashed(input, previous.seq + 1, recordedAt);
    const event = { ...unhashed, prevHash: previous.hash, hash: chainHash(previous.hash, unhashed) };
    previous = { seq: event.seq, hash: event.hash };
    return event;
  });
  await insertEvents(tx, events);
  await addToCounters(tx, events, inputs);
  await addToCredentialUsage(tx, events);
  await tx.auditChainHead.update({ where: { id: 1 }, data: { seq: previous.seq, hash: previous.hash } });
  return events.map(({ seq, hash }) => ({ seq, hash }));
}

export async function appendAuditEvent(tx: Tx, input: AuditEventInput): Promise<AppendedEvent> {
  const [appended] = await appendAuditEvents(tx, [input]);
  return appended;
}
