import 'server-only';
import Database from 'better-sqlite3';
import pg from 'pg';
import { flavorOf, sqliteFilePath } from '../db/flavor';
import { CHAINED_EVENT_COLUMNS, type ChainPosition, type StoredEvent } from './chain';

/** Where the head says the chain ends, and the highest seq stored, read at one instant. */
export type ChainSnapshot = { head: ChainPosition; lastSeq: number };

/**
 * A read-only view of the audit chain that one verification reads from, on a connection of its own, in one
 * read transaction: every page and the head come from the same committed state. Rows come back as arrays of
 * the few columns that are hashed, which is several times faster than model objects.
 */
export type ChainReader = {
  snapshot(): Promise<ChainSnapshot>;
  /** Up to `limit` events with `after < seq <= upTo`, in seq order. */
  page(after: number, upTo: number, limit: number): Promise<StoredEvent[]>;
  close(): Promise<void>;
};

type Row = [
  seq: number,
  occurredAt: string,
  recordedAt: string,
  source: string,
  sourceEventId: string | null,
  action: string,
  resource: string | null,
  outcome: string,
  initiatorType: string,
  initiatorId: string | null,
  initiatorLabel: string | null,
  executorType: string,
  executorId: string | null,
  executorLabel: string | null,
  credentialId: string | null,
  credentialKind: string | null,
  credentialSubjectType: string | null,
  attribution: string,
  scopeId: string | null,
  environment: string | null,
  details: string,
  hashVersion: number,
  prevHash: string,
  hash: string,
];

const ENUM_COLUMNS = new Set([
  'outcome',
  'initiatorType',
  'executorType',
  'credentialKind',
  'credentialSubjectType',
  'attribution',
]);
const DATE_COLUMNS = new Set(['occurredAt', 'recordedAt']);
const ROW_COLUMNS = CHAINED_EVENT_COLUMNS;

function selectList(flavor: 'sqlite' | 'postgres'): string {
  return ROW_COLUMNS.map((column) => {
    if (flavor === 'postgres' && DATE_COLUMNS.has(column)) {
      return `to_char("${column}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    }
    if (flavor === 'postgres' && ENUM_COLUMNS.has(column)) return `"${column}"::text`;
    return `"${column}"`;
  }).join(', ');
}

const SNAPSHOT_SQL = `SELECT h."seq", h."hash", (SELECT MAX(e."seq") FROM "audit_events" e) AS "lastSeq"
  FROM "audit_chain_head" h WHERE h."id" = 1`;

const UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(?:Z|\+00:00)$/;

/**
 * A stored date as `toISOString()` writes it, without a Date when it is already UTC to the millisecond (the
 * form both databases store). A date that does not parse yields text that cannot hash as the original did.
 */
function isoUtc(stored: string | number): string {
  if (typeof stored === 'string' && UTC_MILLIS.test(stored)) return `${stored.slice(0, 23)}Z`;
  const date = new Date(stored);
  return Number.isNaN(date.getTime()) ? `unparsable:${stored}` : date.toISOString();
}

function toStoredEvent(row: Row): StoredEvent {
  const [
    seq,
    occurredAt,
    recordedAt,
    source,
    sourceEventId,
    action,
    resource,
    outcome,
    initiatorType,
    initiatorId,
    initiatorLabel,
    executorType,
    executorId,
    executorLabel,
    credentialId,
    credentialKind,
    credentialSubjectType,
    attribution,
    scopeId,
    environment,
    details,
    hashVersion,
    prevHash,
    hash,
  ] = row;
  return {
    seq,
    occurredAt: isoUtc(occurredAt),
    recordedAt: isoUtc(recordedAt),
    source,
    sourceEventId,
    action,
    resource,
    outcome,
    initiatorType,
    initiatorId,
    initiatorLabel,
    executorType,
    executorId,
    executorLabel,
    credentialId,
    credentialKind,
    credentialSubjectType,
    attribution,
    scopeId,
    environment,
    details,
    hashVersion,
    prevHash,
    hash,
  };
}

type SnapshotRow = { seq: number; hash: string; lastSeq: number | null };

function toSnapshot(row: SnapshotRow | undefined): ChainSnapshot {
  if (!row) throw new Error('The audit chain head is missing: the database was not migrated.');
  return { head: { seq: row.seq, hash: row.hash }, lastSeq: row.lastSeq ?? 0 };
}

function sqliteReader(file: string): ChainReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const pageQuery = db
    .prepare<[number, number, number], Row>(
      `SELECT ${selectList('sqlite')} FROM "audit_events" WHERE "seq" > ? AND "seq" <= ? ORDER BY "seq" LIMIT ?`,
    )
    .raw(true);
  const snapshotQuery = db.prepare<[], SnapshotRow>(SNAPSHOT_SQL);
  db.exec('BEGIN');
  return {
    snapshot: async () => toSnapshot(snapshotQuery.get()),
    page: async (after, upTo, limit) => pageQuery.all(after, upTo, limit).map(toStoredEvent),
    close: async () => {
      db.exec('COMMIT');
      db.close();
    },
  };
}

async function postgresReader(url: string): Promise<ChainReader> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  } catch (error) {
    await client.end();
    throw error;
  }
  const pageSql = `SELECT ${selectList('postgres')} FROM "audit_events"
    WHERE "seq" > $1 AND "seq" <= $2 ORDER BY "seq" LIMIT $3`;
  return {
    snapshot: async () => toSnapshot((await client.query<SnapshotRow>(SNAPSHOT_SQL)).rows[0]),
    page: async (after, upTo, limit) =>
      (await client.query<Row>({ text: pageSql, values: [after, upTo, limit], rowMode: 'array' })).rows.map(
        toStoredEvent,
      ),
    close: async () => {
      await client.query('COMMIT').finally(() => client.end());
    },
  };
}

/** Opens a reader on the database at `url` (SQLite `file:` or `postgres://`). */
export async function openChainReader(url: string): Promise<ChainReader> {
  return flavorOf(url) === 'sqlite' ? sqliteReader(sqliteFilePath(url)) : postgresReader(url);
}
