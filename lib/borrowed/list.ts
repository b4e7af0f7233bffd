import 'server-only';
import { z } from 'zod';
import { getDb } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { can, type Actor } from '../auth/actor';
import { AppError, forbidden, notFound } from '../errors';
import {
  burnDownDaysSchema,
  caseListQuerySchema,
  type CaseConfidence,
  type CaseListQuery,
  type CaseStatus,
} from './schemas';
import { DAY_MS } from '../detect/rules';
import { resolutionCheck } from './resolution';

export type CaseSummary = {
  id: string;
  status: CaseStatus;
  confidence: CaseConfidence;
  flagged: boolean;
  suppression: { reason: string; expiresAt: string } | null;
  human: { id?: string; label: string; email?: string; externalIds: string[] };
  credential: { id?: string; kind: string; externalId: string; fingerprint?: string };
  agents: { id?: string; label: string; userAgent?: string }[];
  sources: string[];
  firstSeen: string;
  lastSeen: string;
  eventCount: number;
  interactiveEventCount: number;
  assignee: { id: string; name: string } | null;
  reasons: { code: string; message: string }[];
};

export type EvidenceItem = {
  seq: number | null;
  source: string;
  sourceEventId: string;
  occurredAt: string;
  action: string;
  role: 'automation' | 'interactive';
  userAgent: string | null;
  ip: string | null;
  note: string;
};

export type CaseDetail = CaseSummary & {
  evidence: EvidenceItem[];
  credentialEndedAt: string | null;
  resolvedAt: string | null;
  canResolve: { ok: boolean; why: string };
};

/**
 * Who reads which cases: security, auditors and audit keys all of them; a sponsor those of the NHIs they sponsor
 * (the inventory's holder of the borrowed credential). The condition goes in every query's `where`.
 */
export function caseReadScope(actor: Actor): Prisma.BorrowedCaseWhereInput {
  if (can(actor, 'borrowed.read')) return {};
  if (actor.kind === 'human' && can(actor, 'borrowed.read_sponsored'))
    return { agentNhi: { is: { sponsorId: actor.humanId } } };
  throw forbidden();
}

/** A list query's problems, as a 400 naming each parameter. */
export function parseListQuery(query: unknown): CaseListQuery {
  const result = caseListQuerySchema.safeParse(query ?? {});
  if (result.success) return result.data;
  const flat = z.flattenError(result.error);
  const fieldErrors: Record<string, string[]> = { ...(flat.fieldErrors as Record<string, string[]>) };
  if (flat.formErrors.length > 0) fieldErrors._query = flat.formErrors;
  throw new AppError('INVALID_QUERY', 'Some query parameters need attention.', 400, { fieldErrors });
}

type Cursor = { lastSeen: Date; id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.lastSeen.toISOString(), cursor.id])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const invalid = new AppError('INVALID_QUERY', 'That cursor is not one this API gave.', 400, {
    fieldErrors: { cursor: ['That cursor is not one this API gave.'] },
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid;
  const [lastSeen, id] = parsed as unknown[];
  const time = typeof lastSeen === 'string' ? new Date(lastSeen) : null;
  if (!time || Number.isNaN(time.getTime()) || typeof id !== 'string' || id.length === 0) throw invalid;
  return { lastSeen: time, id };
}

const CONFIDENCE_COLUMN = { high: 'HIGH', medium: 'MEDIUM', low: 'LOW' } as const;

/**
 * Flagged cases by default. Asking for `low` shows the informational ones; `include=all` shows suppressed and
 * informational cases beside the flagged ones.
 */
function caseFilterWhere(actor: Actor, query: CaseListQuery): Prisma.BorrowedCaseWhereInput {
  const conditions: Prisma.BorrowedCaseWhereInput[] = [caseReadScope(actor)];
  if (query.include !== 'all' && query.confidence !== 'low') conditions.push({ flagged: true });
  if (query.confidence) conditions.push({ confidence: CONFIDENCE_COLUMN[query.confidence] });
  if (query.status) conditions.push({ status: query.status });
  if (query.q) conditions.push({ searchText: { contains: query.q.toLowerCase() } });
  return { AND: conditions };
}

const caseSelect = {
  id: true,
  status: true,
  confidence: true,
  flagged: true,
  suppressionId: true,
  humanId: true,
  humanLabel: true,
  humanEmail: true,
  humanExternalIds: true,
  credentialId: true,
  credentialKind: true,
  credentialExternalId: true,
  credentialFingerprint: true,
  agents: true,
  sources: true,
  reasons: true,
  firstSeen: true,
  lastSeen: true,
  eventCount: true,
  interactiveEventCount: true,
  assignee: { select: { id: true, name: true } },
} as const satisfies Prisma.BorrowedCaseSelect;

type CaseRow = Prisma.BorrowedCaseGetPayload<{ select: typeof caseSelect }>;
type SuppressionFacts = Map<string, { reason: string; expiresAt: Date }>;

export function jsonList<T>(text: string): T[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as T[]) : [];
  } catch {
    return [];
  }
}

type StoredAgent = { id?: string; label: string; userAgent?: string | null };

export function caseSummary(row: CaseRow, suppressions: SuppressionFacts): CaseSummary {
  const suppression = row.suppressionId ? suppressions.get(row.suppressionId) : undefined;
  return {
    id: row.id,
    status: row.status,
    confidence: row.confidence.toLowerCase() as CaseConfidence,
    flagged: row.flagged,
    suppression: suppression ? { reason: suppression.reason, expiresAt: suppression.expiresAt.toISOString() } : null,
    human: {
      ...(row.humanId ? { id: row.humanId } : {}),
      label: row.humanLabel,
      ...(row.humanEmail ? { email: row.humanEmail } : {}),
      externalIds: jsonList<string>(row.humanExternalIds),
    },
    credential: {
      ...(row.credentialId ? { id: row.credentialId } : {}),
      kind: row.credentialKind,
      externalId: row.credentialExternalId,
      ...(row.credentialFingerprint ? { fingerprint: row.credentialFingerprint } : {}),
    },
    agents: jsonList<StoredAgent>(row.agents).map((agent) => ({
      ...(agent.id ? { id: agent.id } : {}),
      label: agent.label,
      ...(agent.userAgent ? { userAgent: agent.userAgent } : {}),
    })),
    sources: jsonList<string>(row.sources),
    firstSeen: row.firstSeen.toISOString(),
    lastSeen: row.lastSeen.toISOString(),
    eventCount: row.eventCount,
    interactiveEventCount: row.interactiveEventCount,
    assignee: row.assignee,
    reasons: jsonList<{ code: string; message: string }>(row.reasons).map(({ code, message }) => ({ code, message })),
  };
}

export async function suppressionsOf(rows: { suppressionId: string | null }[]): Promise<SuppressionFacts> {
  const ids = [...new Set(rows.map((row) => row.suppressionId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const db = await getDb();
  const found = await db.borrowedSuppression.findMany({
    where: { id: { in: ids } },
    select: { id: true, reason: true, expiresAt: true },
  });
  return new Map(found.map((row) => [row.id, row]));
}

const pageSelect = { ...caseSelect, evidence: true } as const satisfies Prisma.BorrowedCaseSelect;
type CasePageRow = Prisma.BorrowedCaseGetPayload<{ select: typeof pageSelect }>;

/** One page of cases the actor may read, newest activity first, with the cursor of the next page if any. */
export async function readCasePage(
  actor: Actor,
  query: CaseListQuery,
): Promise<{ rows: CasePageRow[]; nextCursor?: string }> {
  const where = caseFilterWhere(actor, query);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const page: Prisma.BorrowedCaseWhereInput = after
    ? {
        AND: [
          where,
          { OR: [{ lastSeen: { lt: after.lastSeen } }, { lastSeen: after.lastSeen, id: { lt: after.id } }] },
        ],
      }
    : where;
  const db = await getDb();
  const rows = await db.borrowedCase.findMany({
    where: page,
    orderBy: [{ lastSeen: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: pageSelect,
  });
  if (rows.length <= query.limit) return { rows };
  const shown = rows.slice(0, query.limit);
  const last = shown[shown.length - 1];
  return { rows: shown, nextCursor: encodeCursor({ lastSeen: last.lastSeen, id: last.id }) };
}

/** The cases the actor may read, filtered and cursor-paginated in the database, newest activity first. */
export async function listBorrowedCases(
  actor: Actor,
  query: unknown,
): Promise<{ cases: CaseSummary[]; nextCursor?: string }> {
  caseReadScope(actor);
  const parsed = parseListQuery(query);
  const { rows, nextCursor } = await readCasePage(actor, parsed);
  const suppressions = await suppressionsOf(rows);
  const cases = rows.map((row) => caseSummary(row, suppressions));
  return nextCursor ? { cases, nextCursor } : { cases };
}

const detailSelect = {
  ...caseSelect,
  evidence: true,
  credentialEndedAt: true,
  resolvedAt: true,
  credential: { select: { status: true, revokedAt: true, lastRotatedAt: true, expiresAt: true } },
} as const satisfies Prisma.BorrowedCaseSelect;

/** One case with all its evidence, and whether it may be resolved now; 404 when it is not within reach. */
export async function getBorrowedCase(actor: Actor, id: string): Promise<CaseDetail> {
  const scope = caseReadScope(actor);
  const db = await getDb();
  const row = await db.borrowedCase.findFirst({ where: { AND: [scope, { id }] }, select: detailSelect });
  if (!row) throw notFound('That borrowed-credential case');
  const suppressions = await suppressionsOf([row]);
  const check = resolutionCheck(row, row.credential, undefined);
  return {
    ...caseSummary(row, suppressions),
    evidence: jsonList<EvidenceItem>(row.evidence),
    credentialEndedAt: row.credentialEndedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    canResolve: { ok: check.ok, why: check.why },
  };
}

/**
 * Flagged cases open at the end of each of the last `days` UTC days (today included) and how many were resolved
 * that day, from when each case was detected and resolved; no events are read.
 */
export async function borrowedBurnDown(
  actor: Actor,
  days: number,
): Promise<{ day: string; open: number; resolved: number }[]> {
  const scope = caseReadScope(actor);
  const parsed = burnDownDaysSchema.safeParse(days);
  if (!parsed.success)
    throw new AppError('INVALID_QUERY', parsed.error.issues[0]?.message ?? 'Give a number of days.', 400);
  const count = parsed.data;
  const today = new Date();
  const lastDayStart = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const firstDayStart = lastDayStart - (count - 1) * DAY_MS;
  const db = await getDb();
  const rows = await db.borrowedCase.findMany({
    where: {
      AND: [
        scope,
        { flagged: true },
        { detectedAt: { lt: new Date(lastDayStart + DAY_MS) } },
        { OR: [{ resolvedAt: null }, { resolvedAt: { gte: new Date(firstDayStart) } }] },
      ],
    },
    select: { detectedAt: true, resolvedAt: true },
  });
  return Array.from({ length: count }, (_, index) => {
    const start = firstDayStart + index * DAY_MS;
    const end = start + DAY_MS;
    let open = 0;
    let resolved = 0;
    for (const row of rows) {
      const resolvedAt = row.resolvedAt?.getTime() ?? null;
      if (row.detectedAt.getTime() < end && (resolvedAt === null || resolvedAt >= end)) open += 1;
      if (resolvedAt !== null && resolvedAt >= start && resolvedAt < end) resolved += 1;
    }
    return { day: new Date(start).toISOString().slice(0, 10), open, resolved };
  });
}
