import 'server-only';
import { getDb, type Db } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { requireHuman, type Actor } from '../auth/actor';
import { CONTROLS, type ControlId } from '../detect/controls';
import { notFound } from '../errors';
import { nhiScope } from '../auth/ownership';
import { nhiIdSchema } from './schemas';
import { severityRank } from './stats';

export const DETAIL_LIMITS = { credentials: 100, scopes: 20, events: 25, openFindings: 100, closedFindings: 20 };

export type ControlRef = { id: string; framework: string; title: string };

/** A finding's `controls` column (a JSON array of control ids) with each control's framework and title. */
export function controlsOf(json: string): ControlRef[] {
  let ids: unknown;
  try {
    ids = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(ids)) return [];
  return ids
    .filter((id): id is string => typeof id === 'string')
    .map((id) =>
      Object.hasOwn(CONTROLS, id)
        ? { id, ...CONTROLS[id as ControlId] }
        : { id, framework: 'Unknown framework', title: id },
    );
}

const nhiSelect = {
  id: true,
  name: true,
  kind: true,
  system: true,
  externalId: true,
  environment: true,
  status: true,
  description: true,
  createdAt: true,
  lastSeenAt: true,
  discoveredAt: true,
  orphaned: true,
  sponsor: { select: { id: true, name: true, email: true, status: true, offboardedAt: true } },
  owners: {
    orderBy: { addedAt: 'asc' },
    select: { addedAt: true, human: { select: { id: true, name: true, email: true, status: true } } },
  },
} as const satisfies Prisma.NhiSelect;

const eventSelect = {
  seq: true,
  occurredAt: true,
  action: true,
  resource: true,
  outcome: true,
  attribution: true,
  initiatorType: true,
  initiatorId: true,
  initiatorLabel: true,
  executorType: true,
  executorId: true,
  executorLabel: true,
  credentialKind: true,
} as const satisfies Prisma.AuditEventSelect;

const findingSelect = {
  id: true,
  type: true,
  severity: true,
  status: true,
  title: true,
  rationale: true,
  controls: true,
  detectedAt: true,
  acceptedReason: true,
  acceptedUntil: true,
  resolvedAt: true,
} as const satisfies Prisma.FindingSelect;

async function credentialsOf(db: Db, nhiId: string) {
  const where = { OR: [{ holderNhiId: nhiId }, { subjectNhiId: nhiId }] };
  const [total, credentials] = await Promise.all([
    db.credential.count({ where }),
    db.credential.findMany({
      where,
      orderBy: [{ status: 'asc' }, { issuedAt: 'desc' }, { id: 'desc' }],
      take: DETAIL_LIMITS.credentials,
      select: {
        id: true,
        name: true,
        kind: true,
        system: true,
        status: true,
        issuedAt: true,
        expiresAt: true,
        lastUsedAt: true,
        holderNhi: { select: { id: true, name: true } },
        subjectNhi: { select: { id: true, name: true } },
        subjectHuman: { select: { id: true, name: true, email: true, status: true } },
      },
    }),
  ]);
  return {
    total,
    rows: credentials.map((credential) => ({
      ...credential,
      held: credential.holderNhi?.id === nhiId,
      subjectIsSelf: credential.subjectNhi?.id === nhiId,
      borrowed: credential.subjectHuman !== null,
    })),
  };
}

function scopesOf(db: Db, nhiId: string) {
  return db.scopeRequest.findMany({
    where: { nhiId },
    orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
    take: DETAIL_LIMITS.scopes,
    select: {
      id: true,
      task: true,
      status: true,
      requestedAt: true,
      expiresAt: true,
      initiator: { select: { id: true, name: true, email: true } },
    },
  });
}

/**
 * The latest events the NHI executed or initiated, and the changes people made to it (resource `nhi:<id>`).
 * Three queries, each walking its own (column, occurredAt) index, merged here: an OR of the columns would not
 * use any index for the order.
 */
async function eventsOf(db: Db, nhiId: string) {
  const latest = (where: Prisma.AuditEventWhereInput) =>
    db.auditEvent.findMany({
      where,
      orderBy: [{ occurredAt: 'desc' }, { seq: 'desc' }],
      take: DETAIL_LIMITS.events,
      select: eventSelect,
    });
  const [executed, initiated, changes] = await Promise.all([
    latest({ executorId: nhiId }),
    latest({ initiatorId: nhiId }),
    latest({ resource: `nhi:${nhiId}` }),
  ]);
  const bySeq = new Map([...executed, ...initiated, ...changes].map((event) => [event.seq, event]));
  return [...bySeq.values()]
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.seq - a.seq)
    .slice(0, DETAIL_LIMITS.events);
}

/** Open findings first, the most severe on top; then the latest accepted or resolved ones. */
async function findingsOf(db: Db, nhiId: string) {
  const [open, closed] = await Promise.all([
    db.finding.findMany({
      where: { nhiId, status: 'OPEN' },
      orderBy: [{ detectedAt: 'desc' }, { id: 'desc' }],
      take: DETAIL_LIMITS.openFindings,
      select: findingSelect,
    }),
    db.finding.findMany({
      where: { nhiId, status: { in: ['ACCEPTED', 'RESOLVED'] } },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      take: DETAIL_LIMITS.closedFindings,
      select: findingSelect,
    }),
  ]);
  const bySeverity = [...open].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return [...bySeverity, ...closed].map(({ controls, ...finding }) => ({ ...finding, controls: controlsOf(controls) }));
}

/**
 * Everything the detail page shows about one NHI. An unknown id and an NHI outside a sponsor's scope are the
 * same 404, so a sponsor learns nothing about identities that are not theirs.
 */
export async function getNhiDetail(actor: Actor, id: unknown) {
  const reader = requireHuman(actor, 'inventory.read');
  const parsed = nhiIdSchema.safeParse(id);
  if (!parsed.success) throw notFound('That identity');
  const db = await getDb();
  const nhi = await db.nhi.findFirst({
    where: { id: parsed.data, ...nhiScope(reader, 'readNhis') },
    select: nhiSelect,
  });
  if (!nhi) throw notFound('That identity');
  const [credentials, scopes, events, findings] = await Promise.all([
    credentialsOf(db, nhi.id),
    scopesOf(db, nhi.id),
    eventsOf(db, nhi.id),
    findingsOf(db, nhi.id),
  ]);
  return { nhi, credentials, scopes, events, findings };
}

export type NhiDetail = Awaited<ReturnType<typeof getNhiDetail>>;
