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
import { STEWARD_SOURCE } from './actions';

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

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

async function addToDailyRollups(tx: Tx, events: ChainedEvent[]): Promise<void> {
  const counts = new Map<string, { event: ChainedEvent; count: number }>();
  for (const event of events) {
    const key = [
      utcDay(event.occurredAt),
      event.attribution,
      event.outcome,
      event.initiatorType,
      event.executorType,
    ].join('|');
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { event, count: 1 });
  }
  for (const { event, count } of counts.values()) {
    const id = {
      day: utcDay(event.occurredAt),
      attribution: event.attribution,
      outcome: event.outcome,
      initiatorType: event.initiatorType,
      executorType: event.executorType,
    };
    await tx.auditDailyRollup.upsert({
      where: { day_attribution_outcome_initiatorType_executorType: id },
      create: { ...id, count },
      update: { count: { increment: count } },
    });
  }
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

const POSTGRES_ENUM_COLUMNS: Partial<Record<(typeof EVENT_COLUMNS)[number], string>> = {
  outcome: 'AuditOutcome',
  initiatorType: 'PrincipalType',
  executorType: 'PrincipalType',
  credentialKind: 'CredentialKind',
  credentialSubjectType: 'PrincipalType',
  attribution: 'Attribution',
};

const ROWS_PER_INSERT = 500;

/**
 * One multi-row INSERT per 500 events: an order of magnitude faster than createMany for bulk appends (imports,
 * seeding), with the same stored values.
 */
async function insertEvents(tx: Tx, events: ChainedEvent[]): Promise<void> {
  const postgres = databaseFlavor() === 'postgres';
  const columns = EVENT_COLUMNS.map((column) => `"${column}"`).join(', ');
  for (let start = 0; start < events.length; start += ROWS_PER_INSERT) {
    const chunk = events.slice(start, start + ROWS_PER_INSERT);
    const values: unknown[] = [];
    const rows = chunk.map((event) => {
      const placeholders = EVENT_COLUMNS.map((column) => {
        values.push(event[column]);
        const cast = postgres ? POSTGRES_ENUM_COLUMNS[column] : undefined;
        return postgres ? `$${values.length}${cast ? `::"${cast}"` : ''}` : '?';
      });
      return `(${placeholders.join(', ')})`;
    });
    await tx.$executeRawUnsafe(`INSERT INTO "audit_events" (${columns}) VALUES ${rows.join(', ')}`, ...values);
  }
}

/**
 * Appends events to the chain inside the caller's transaction, so they commit or roll back with the change
 * they record. Updating the chain-head row first takes the write lock (SQLite) or the row lock
 * (PostgreSQL), which serializes appends across connections and instances until the transaction ends.
 * `recordedAt` is read once that lock is held, so it does not decrease along seq (on clocks that agree).
 */
export async function appendAuditEvents(tx: Tx, inputs: AuditEventInput[]): Promise<AppendedEvent[]> {
  if (inputs.length === 0) return [];
  const head = await tx.auditChainHead.update({ where: { id: 1 }, data: { updatedAt: new Date() } });
  const recordedAt = new Date();
  let previous = { seq: head.seq, hash: head.hash };
  const events: ChainedEvent[] = inputs.map((input) => {
    const unhashed = toUnhashed(input, previous.seq + 1, recordedAt);
    const event = { ...unhashed, prevHash: previous.hash, hash: chainHash(previous.hash, unhashed) };
    previous = { seq: event.seq, hash: event.hash };
    return event;
  });
  await insertEvents(tx, events);
  await addToDailyRollups(tx, events);
  await addToCredentialUsage(tx, events);
  await tx.auditChainHead.update({ where: { id: 1 }, data: { seq: previous.seq, hash: previous.hash } });
  return events.map(({ seq, hash }) => ({ seq, hash }));
}

export async function appendAuditEvent(tx: Tx, input: AuditEventInput): Promise<AppendedEvent> {
  const [appended] = await appendAuditEvents(tx, [input]);
  return appended;
}
