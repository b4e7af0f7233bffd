import 'server-only';
import { z } from 'zod';
import { databaseFlavor, getDb, type Db } from '../db';
import type { Attribution, AuditOutcome, CredentialKind, PrincipalType } from '../db/generated/sqlite/enums';
import { requirePermission, type Actor } from '../auth/actor';
import { AppError, notFound } from '../errors';
import {
  auditApiQuerySchema,
  auditFilterSchema,
  auditHref,
  auditTimeRange,
  type AuditApiQuery,
  type AuditFilters,
} from './explorer-filters';
import { CHAINED_EVENT_COLUMNS } from './chain';
import { toOcsf, type OcsfScopeFacts } from './ocsf';
import { plainWords } from './plain-words';

export const AUDIT_PAGE_SIZE = 50;

export type AuditPrincipalView = {
  type: PrincipalType;
  id: string | null;
  label: string | null;
  /** The person's or identity's current name, when the id names one Steward knows. */
  name: string | null;
  /** The person's email, for a person Steward knows. */
  email: string | null;
};

export type AuditCredentialView = {
  id: string | null;
  kind: CredentialKind | null;
  subjectType: PrincipalType | null;
  /** The credential's name in the inventory, when it is one Steward knows. */
  name: string | null;
  /** The name of the person the credential belongs to, when the inventory says so. */
  subjectHumanName: string | null;
};

/** One audit event as the explorer and the events API show it. */
export type AuditEventView = {
  seq: number;
  occurredAt: string;
  recordedAt: string;
  source: string;
  sourceEventId: string | null;
  action: string;
  resource: string | null;
  outcome: AuditOutcome;
  initiator: AuditPrincipalView;
  executor: AuditPrincipalView;
  credential: AuditCredentialView | null;
  /** What the event reads as: AGENT_BORROWED when a borrowed-credential case covers it, else what was stored. */
  attribution: Attribution;
  storedAttribution: Attribution;
  borrowedCaseId: string | null;
  scopeId: string | null;
  environment: string | null;
  correlationId: string | null;
  details: Record<string, unknown>;
  chain: { hashVersion: number; prevHash: string; hash: string };
};

export type AuditEventPage = { events: AuditEventView[]; nextCursor?: string };

/** A query's parameters by the schema, or a 400 naming each parameter that is not understood. */
function parseQuery<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const flat = z.flattenError(result.error);
  const fieldErrors: Record<string, string[]> = { ...(flat.fieldErrors as Record<string, string[]>) };
  if (flat.formErrors.length > 0) fieldErrors._query = flat.formErrors;
  throw new AppError('INVALID_QUERY', 'Some query parameters need attention.', 400, { fieldErrors });
}

/** The explorer's filters from the page's address, or a 400 naming each parameter that is not understood. */
export function parseAuditFilters(raw: unknown): AuditFilters {
  return parseQuery(auditFilterSchema, raw);
}

type Cursor = { occurredAt: Date; seq: number };

function invalidCursor(): AppError {
  return new AppError('INVALID_QUERY', 'That cursor is not one Steward gave.', 400, {
    fieldErrors: { cursor: ['That cursor is not one Steward gave.'] },
  });
}

export function encodeAuditCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.occurredAt.toISOString(), cursor.seq])).toString('base64url');
}

export function decodeAuditCursor(text: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalidCursor();
  const [time, seq] = parsed as unknown[];
  const occurredAt = typeof time === 'string' ? new Date(time) : null;
  if (!occurredAt || Number.isNaN(occurredAt.getTime()) || !Number.isSafeInteger(seq) || (seq as number) < 1)
    throw invalidCursor();
  return { occurredAt, seq: seq as number };
}

/**
 * A raw query's text and bound values, built left to right so that SQLite's positional `?` and PostgreSQL's
 * numbered `$n` bind the same values.
 */
class Statement {
  readonly values: unknown[] = [];
  constructor(readonly postgres: boolean) {}

  bind(value: unknown, cast?: string): string {
    this.values.push(value);
    if (!this.postgres) return '?';
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }

  /** A moment as each database compares it: SQLite stores ISO text with a +00:00 offset, PostgreSQL a timestamp. */
  bindTime(date: Date): string {
    const iso = date.toISOString();
    return this.postgres ? this.bind(iso, 'timestamp(3)') : this.bind(`${iso.slice(0, 23)}+00:00`);
  }
}

const EVENT_COLUMNS = CHAINED_EVENT_COLUMNS;

type RawEvent = {
  seq: number | bigint;
  occurredAt: Date | string;
  recordedAt: Date | string;
  source: string;
  sourceEventId: string | null;
  action: string;
  resource: string | null;
  outcome: AuditOutcome;
  initiatorType: PrincipalType;
  initiatorId: string | null;
  initiatorLabel: string | null;
  executorType: PrincipalType;
  executorId: string | null;
  executorLabel: string | null;
  credentialId: string | null;
  credentialKind: CredentialKind | null;
  credentialSubjectType: PrincipalType | null;
  attribution: Attribution;
  scopeId: string | null;
  environment: string | null;
  details: string;
  hashVersion: number | bigint;
  prevHash: string;
  hash: string;
  markCaseId: string | null;
};

const EVENT_SELECT_LIST = `${EVENT_COLUMNS.map((column) => `e."${column}"`).join(', ')}, m."caseId" AS "markCaseId"`;
const SELECT_EVENT = `SELECT ${EVENT_SELECT_LIST}
  FROM "audit_events" e LEFT JOIN "borrowed_event_marks" m ON m."seq" = e."seq"`;
const SELECT_MARKED_EVENT = `SELECT ${EVENT_SELECT_LIST}
  FROM "borrowed_event_marks" m JOIN "audit_events" e ON e."seq" = m."seq"`;

/**
 * Whether a principal filter names an id (some event carries it) or a label (the principal has no id, as in
 * imported events): each then uses its own column, so an id is looked up through the (initiatorId, occurredAt)
 * index rather than beside a label that has none.
 */
async function principalCondition(
  db: Db,
  sql: Statement,
  side: 'initiator' | 'executor',
  value: string,
): Promise<string> {
  const idColumn = `${side}Id`;
  const probe = await db.$queryRawUnsafe<unknown[]>(
    `SELECT 1 AS "found" FROM "audit_events" WHERE "${idColumn}" = ${sql.postgres ? '$1' : '?'} LIMIT 1`,
    value,
  );
  if (probe.length > 0) return `e."${idColumn}" = ${sql.bind(value)}`;
  return `e."${idColumn}" IS NULL AND e."${side}Label" = ${sql.bind(value)}`;
}

async function filterConditions(db: Db, sql: Statement, filters: AuditFilters): Promise<string[]> {
  const conditions: string[] = [];
  if (filters.initiator) conditions.push(await principalCondition(db, sql, 'initiator', filters.initiator));
  if (filters.executor) conditions.push(await principalCondition(db, sql, 'executor', filters.executor));
  if (filters.source) conditions.push(`e."source" = ${sql.bind(filters.source)}`);
  if (filters.action) conditions.push(`e."action" = ${sql.bind(filters.action)}`);
  if (filters.resource) conditions.push(`e."resource" = ${sql.bind(filters.resource)}`);
  if (filters.outcome) conditions.push(`e."outcome" = ${sql.bind(filters.outcome, '"AuditOutcome"')}`);
  if (filters.correlation)
    conditions.push(
      `e."seq" IN (SELECT c."seq" FROM "audit_correlations" c WHERE c."correlationId" = ${sql.bind(filters.correlation)})`,
    );
  if (filters.scope) conditions.push(`e."scopeId" = ${sql.bind(filters.scope)}`);
  if (filters.credential) conditions.push(`e."credentialId" = ${sql.bind(filters.credential)}`);
  const range = auditTimeRange(filters);
  if (range.from) conditions.push(`e."occurredAt" >= ${sql.bindTime(range.from)}`);
  if (range.toExclusive) conditions.push(`e."occurredAt" < ${sql.bindTime(range.toExclusive)}`);
  return conditions;
}

const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

function parsedDetails(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

type Names = {
  humans: Map<string, { name: string; email: string }>;
  nhis: Map<string, { name: string }>;
  credentials: Map<string, { name: string; subjectHumanName: string | null }>;
};

/** The current names of the people, identities and credentials a page of events names: one query per kind. */
async function namesFor(db: Db, rows: RawEvent[]): Promise<Names> {
  const humanIds = new Set<string>();
  const nhiIds = new Set<string>();
  const credentialIds = new Set<string>();
  for (const row of rows) {
    for (const [type, id] of [
      [row.initiatorType, row.initiatorId],
      [row.executorType, row.executorId],
    ] as const) {
      if (id && type === 'HUMAN') humanIds.add(id);
      if (id && type === 'NHI') nhiIds.add(id);
    }
    if (row.credentialId) credentialIds.add(row.credentialId);
  }
  const [humans, nhis, credentials] = await Promise.all([
    humanIds.size > 0
      ? db.human.findMany({ where: { id: { in: [...humanIds] } }, select: { id: true, name: true, email: true } })
      : [],
    nhiIds.size > 0 ? db.nhi.findMany({ where: { id: { in: [...nhiIds] } }, select: { id: true, name: true } }) : [],
    credentialIds.size > 0
      ? db.credential.findMany({
          where: { id: { in: [...credentialIds] } },
          select: { id: true, name: true, subjectHuman: { select: { name: true } } },
        })
      : [],
  ]);
  return {
    humans: new Map(humans.map((human) => [human.id, { name: human.name, email: human.email }])),
    nhis: new Map(nhis.map((nhi) => [nhi.id, { name: nhi.name }])),
    credentials: new Map(
      credentials.map((credential) => [
        credential.id,
        { name: credential.name, subjectHumanName: credential.subjectHuman?.name ?? null },
      ]),
    ),
  };
}

function principalView(type: PrincipalType, id: string | null, label: string | null, names: Names) {
  const human = id && type === 'HUMAN' ? names.humans.get(id) : undefined;
  const nhi = id && type === 'NHI' ? names.nhis.get(id) : undefined;
  return { type, id, label, name: human?.name ?? nhi?.name ?? null, email: human?.email ?? null };
}

function eventView(row: RawEvent, names: Names): AuditEventView {
  const details = parsedDetails(row.details);
  const known = row.credentialId ? names.credentials.get(row.credentialId) : undefined;
  const hasCredential = row.credentialId !== null || row.credentialKind !== null;
  return {
    seq: Number(row.seq),
    occurredAt: toDate(row.occurredAt).toISOString(),
    recordedAt: toDate(row.recordedAt).toISOString(),
    source: row.source,
    sourceEventId: row.sourceEventId,
    action: row.action,
    resource: row.resource,
    outcome: row.outcome,
    initiator: principalView(row.initiatorType, row.initiatorId, row.initiatorLabel, names),
    executor: principalView(row.executorType, row.executorId, row.executorLabel, names),
    credential: hasCredential
      ? {
          id: row.credentialId,
          kind: row.credentialKind,
          subjectType: row.credentialSubjectType,
          name: known?.name ?? null,
          subjectHumanName: known?.subjectHumanName ?? null,
        }
      : null,
    attribution: row.markCaseId ? 'AGENT_BORROWED' : row.attribution,
    storedAttribution: row.attribution,
    borrowedCaseId: row.markCaseId,
    scopeId: row.scopeId,
    environment: row.environment,
    correlationId: typeof details.correlationId === 'string' ? details.correlationId : null,
    details,
    chain: { hashVersion: Number(row.hashVersion), prevHash: row.prevHash, hash: row.hash },
  };
}

/**
 * One page of the events that match the filters, newest first (by when they happened, then by seq), with the
 * cursor of the next page if there is one. Keyset pagination on (occurredAt, seq): every page is an index range
 * read, however deep in a chain of millions it starts.
 */
/**
 * Which rows one query reads: all events (narrowed by a stored attribution that no mark overrides), the events
 * stored as AGENT_BORROWED, or the events a borrowed-credential case marks that were stored otherwise.
 */
type Branch = 'events' | 'storedBorrowed' | 'markedBorrowed';

async function selectPage(
  db: Db,
  filters: AuditFilters,
  after: Cursor | null,
  limit: number,
  branch: Branch,
): Promise<RawEvent[]> {
  const sql = new Statement(databaseFlavor() === 'postgres');
  const conditions = await filterConditions(db, sql, filters);
  if (branch === 'storedBorrowed') conditions.push(`e."attribution" = ${sql.bind('AGENT_BORROWED', '"Attribution"')}`);
  if (branch === 'markedBorrowed')
    conditions.push(`m."storedAttribution" <> ${sql.bind('AGENT_BORROWED', '"Attribution"')}`);
  if (branch === 'events' && filters.attribution)
    conditions.push(`e."attribution" = ${sql.bind(filters.attribution, '"Attribution"')} AND m."seq" IS NULL`);
  if (after) {
    const time = sql.bindTime(after.occurredAt);
    const sameTime = sql.bindTime(after.occurredAt);
    conditions.push(`e."occurredAt" <= ${time} AND (e."occurredAt" < ${sameTime} OR e."seq" < ${sql.bind(after.seq)})`);
    if (branch === 'markedBorrowed')
      conditions.push(`m."day" <= ${sql.bind(after.occurredAt.toISOString().slice(0, 10))}`);
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  // A mark's day is its event's UTC day, so walking the marks' day index newest first keeps the events' order.
  const order =
    branch === 'markedBorrowed'
      ? 'ORDER BY m."day" DESC, e."occurredAt" DESC, e."seq" DESC'
      : 'ORDER BY e."occurredAt" DESC, e."seq" DESC';
  const select = branch === 'markedBorrowed' ? SELECT_MARKED_EVENT : SELECT_EVENT;
  return db.$queryRawUnsafe<RawEvent[]>(`${select} ${where} ${order} LIMIT ${limit + 1}`, ...sql.values);
}

function newestFirst(a: RawEvent, b: RawEvent): number {
  const time = toDate(b.occurredAt).getTime() - toDate(a.occurredAt).getTime();
  return time !== 0 ? time : Number(b.seq) - Number(a.seq);
}

/**
 * One page of the events that match the filters, newest first (by when they happened, then by seq), with the
 * cursor of the next page if there is one. Keyset pagination on (occurredAt, seq): every page is an index range
 * read, however deep in a chain of millions it starts. AGENT_BORROWED reads two such ranges, the events stored so
 * and those a case marks, and merges them.
 */
export async function listAuditEvents(
  actor: Actor,
  filters: AuditFilters,
  page: { cursor?: string; limit?: number } = {},
): Promise<AuditEventPage> {
  requirePermission(actor, 'audit.read');
  const limit = page.limit ?? AUDIT_PAGE_SIZE;
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new AppError('INVALID_QUERY', 'Ask for at least one event.', 400);
  const after = page.cursor ? decodeAuditCursor(page.cursor) : null;
  const db = await getDb();
  const rows =
    filters.attribution === 'AGENT_BORROWED'
      ? (
          await Promise.all([
            selectPage(db, filters, after, limit, 'storedBorrowed'),
            selectPage(db, filters, after, limit, 'markedBorrowed'),
          ])
        )
          .flat()
          .sort(newestFirst)
      : await selectPage(db, filters, after, limit, 'events');
  const shown = rows.slice(0, limit);
  const names = await namesFor(db, shown);
  const events = shown.map((row) => eventView(row, names));
  if (rows.length <= limit) return { events };
  const last = shown[shown.length - 1];
  return { events, nextCursor: encodeAuditCursor({ occurredAt: toDate(last.occurredAt), seq: Number(last.seq) }) };
}

export type AuditLink = { label: string; href: string; text: string };

export type AuditEventDetail = {
  event: AuditEventView;
  previousSeq: number | null;
  nextSeq: number | null;
  scope: { id: string; task: string; status: string; nhiId: string; nhiName: string } | null;
  /** Where to go from here: the person, the identity, the credential, the task and the related events. */
  links: AuditLink[];
};

function principalLink(role: string, principal: AuditPrincipalView): AuditLink | null {
  if (!principal.id || !principal.name) return null;
  if (principal.type === 'HUMAN')
    return { label: role, href: `/inventory/people/${principal.id}`, text: principal.name };
  if (principal.type === 'NHI')
    return { label: role, href: `/inventory/identities/${principal.id}`, text: principal.name };
  return null;
}

/** One event with its place in the chain, its neighbours by seq and links to what it names; 404 if there is none. */
export async function getAuditEvent(actor: Actor, seq: number): Promise<AuditEventDetail> {
  requirePermission(actor, 'audit.read');
  if (!Number.isSafeInteger(seq) || seq < 1) throw notFound('That audit event');
  const db = await getDb();
  const postgres = databaseFlavor() === 'postgres';
  const [rows, previous, next] = await Promise.all([
    db.$queryRawUnsafe<RawEvent[]>(`${SELECT_EVENT} WHERE e."seq" = ${postgres ? '$1' : '?'}`, seq),
    db.auditEvent.findFirst({ where: { seq: { lt: seq } }, orderBy: { seq: 'desc' }, select: { seq: true } }),
    db.auditEvent.findFirst({ where: { seq: { gt: seq } }, orderBy: { seq: 'asc' }, select: { seq: true } }),
  ]);
  const [row] = rows;
  if (!row) throw notFound('That audit event');
  const [names, scopeRow] = await Promise.all([
    namesFor(db, [row]),
    row.scopeId
      ? db.scopeRequest.findUnique({
          where: { id: row.scopeId },
          select: { id: true, task: true, status: true, nhi: { select: { id: true, name: true } } },
        })
      : null,
  ]);
  const event = eventView(row, names);
  const links: AuditLink[] = [];
  const initiator = principalLink('Who asked', event.initiator);
  const executor = principalLink('What acted', event.executor);
  if (initiator) links.push(initiator);
  if (executor && executor.href !== initiator?.href) links.push(executor);
  if (event.credential?.id && event.credential.name)
    links.push({
      label: 'Credential',
      href: `/inventory/credentials/${event.credential.id}`,
      text: event.credential.name,
    });
  const scope = scopeRow
    ? {
        id: scopeRow.id,
        task: scopeRow.task,
        status: scopeRow.status,
        nhiId: scopeRow.nhi.id,
        nhiName: scopeRow.nhi.name,
      }
    : null;
  if (scope) links.push({ label: 'Task scope', href: `/inventory/identities/${scope.nhiId}`, text: scope.task });
  if (event.scopeId)
    links.push({ label: 'Same task', href: auditHref({ scope: event.scopeId }), text: 'Every event of this task' });
  if (event.correlationId)
    links.push({
      label: 'Same request',
      href: auditHref({ correlation: event.correlationId }),
      text: 'Every event with this correlation id',
    });
  if (event.borrowedCaseId)
    links.push({
      label: 'Borrowed credential',
      href: `/borrowed/${event.borrowedCaseId}`,
      text: 'The case this event is evidence in',
    });
  return { event, previousSeq: previous?.seq ?? null, nextSeq: next?.seq ?? null, scope, links };
}

function stringList(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/** What the task scopes of a page granted, for the OCSF grant events: one query. */
async function scopeFactsFor(events: AuditEventView[]): Promise<Map<string, OcsfScopeFacts>> {
  const ids = [...new Set(events.map((event) => event.scopeId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const db = await getDb();
  const scopes = await db.scopeRequest.findMany({
    where: { id: { in: ids } },
    select: { id: true, task: true, actions: true, resources: true, nhi: { select: { id: true, name: true } } },
  });
  return new Map(
    scopes.map((scope) => [
      scope.id,
      {
        task: scope.task,
        actions: stringList(scope.actions),
        resources: stringList(scope.resources),
        nhiId: scope.nhi.id,
        nhiName: scope.nhi.name,
      },
    ]),
  );
}

/** An event as one line of the native export: the explorer's view with its sentence. */
function nativeLine(event: AuditEventView): Record<string, unknown> {
  return { ...event, summary: plainWords(event) };
}

/**
 * `GET /api/v1/audit/events`: one page of events as NDJSON lines (native or OCSF), newest first, and the cursor
 * of the next page if there is one.
 */
export async function auditEventsForApi(
  actor: Actor,
  raw: unknown,
): Promise<{ lines: string[]; nextCursor?: string; query: AuditApiQuery }> {
  requirePermission(actor, 'audit.read');
  const query = parseQuery(auditApiQuerySchema, raw);
  const { events, nextCursor } = await listAuditEvents(actor, query, { cursor: query.cursor, limit: query.limit });
  const scopes = query.format === 'ocsf' ? await scopeFactsFor(events) : new Map<string, OcsfScopeFacts>();
  const lines = events.map((event) =>
    JSON.stringify(query.format === 'ocsf' ? toOcsf(event, { scopes }) : nativeLine(event)),
  );
  return nextCursor ? { lines, nextCursor, query } : { lines, query };
}
