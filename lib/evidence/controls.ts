import 'server-only';
import { missingAppendOnlyTriggers } from '../audit/append-only';
import type { SignedCheckpoint } from '../audit/checkpoint-signature';
import { latestCheckpoint } from '../audit/checkpoint';
import { requirePermission, type Actor } from '../auth/actor';
import { getDb, type Db, type Tx } from '../db';
import type { FindingType } from '../db/generated/sqlite/enums';
import { evaluateControls, type ControlFacts, type FindingCounts } from './control-rules';
import type { ControlResult } from './pack-format';
import { utcDay } from './range';

/**
 * Gathers the figures the control statuses rest on: counts over indexed columns of the inventory, and sums of
 * the daily rollups for activity, never a scan of the audit trail.
 */

export const WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

type Client = Db | Tx;

const OUT_OF_SCOPE = ['ACTION_NOT_IN_SCOPE', 'RESOURCE_NOT_IN_SCOPE'];
const BAD_TOKEN = ['TOKEN_UNKNOWN', 'TOKEN_EXPIRED', 'TOKEN_REVOKED'];
const GRANTED = ['APPROVED', 'COMPLETED', 'EXPIRED', 'REVOKED'] as const;

async function findingCounts(db: Client): Promise<Record<FindingType, FindingCounts>> {
  const rows = await db.finding.groupBy({
    by: ['type', 'status'],
    where: { status: { in: ['OPEN', 'ACCEPTED'] } },
    _count: { _all: true },
  });
  const counts = {} as Record<FindingType, FindingCounts>;
  for (const type of [
    'ORPHANED',
    'LONG_LIVED_SECRET',
    'STALE',
    'BORROWED_HUMAN_CREDENTIAL',
    'SHARED_CREDENTIAL',
    'ENVIRONMENT_MIX',
  ] as const) {
    counts[type] = { open: 0, accepted: 0 };
  }
  for (const row of rows) {
    if (row.status === 'OPEN') counts[row.type].open += row._count._all;
    else counts[row.type].accepted += row._count._all;
  }
  return counts;
}

/** Approvals by the person who initiated the task: one join, counted in the database. */
async function selfApprovals(db: Client): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ count: number | bigint }[]>(
    `SELECT COUNT(*) AS "count" FROM "scope_approvals" a
       JOIN "scope_requests" s ON s."id" = a."scopeRequestId"
      WHERE a."approverId" = s."initiatorId" AND a."decision" = 'APPROVE'`,
  );
  return Number(rows[0]?.count ?? 0);
}

async function activity(db: Client, since: string): Promise<ControlFacts['activity']> {
  const [byAttribution, unknownParty, marks] = await Promise.all([
    db.auditDailyRollup.groupBy({ by: ['attribution'], where: { day: { gte: since } }, _sum: { count: true } }),
    db.auditDailyRollup.aggregate({
      where: { day: { gte: since }, OR: [{ initiatorType: 'UNKNOWN' }, { executorType: 'UNKNOWN' }] },
      _sum: { count: true },
    }),
    db.borrowedEventMark.groupBy({ by: ['storedAttribution'], where: { day: { gte: since } }, _count: { _all: true } }),
  ]);
  const stored = new Map(byAttribution.map((row) => [row.attribution, row._sum.count ?? 0]));
  const marked = new Map(marks.map((row) => [row.storedAttribution, row._count._all]));
  const effective = (attribution: 'AGENT_BORROWED' | 'UNKNOWN') =>
    attribution === 'AGENT_BORROWED'
      ? (stored.get('AGENT_BORROWED') ?? 0) +
        [...marked].filter(([from]) => from !== 'AGENT_BORROWED').reduce((sum, [, count]) => sum + count, 0)
      : (stored.get(attribution) ?? 0) - (marked.get(attribution) ?? 0);
  return {
    events: [...stored.values()].reduce((sum, count) => sum + count, 0),
    borrowed: effective('AGENT_BORROWED'),
    unknownAttribution: Math.max(0, effective('UNKNOWN')),
    unknownParty: unknownParty._sum.count ?? 0,
  };
}

async function decisions(db: Client, since: string): Promise<ControlFacts['decisions']> {
  const rows = await db.decisionDailyRollup.groupBy({
    by: ['decision', 'reason'],
    where: { day: { gte: since } },
    _sum: { count: true },
  });
  const facts = { allow: 0, deny: 0, outOfScope: 0, badToken: 0, errors: 0 };
  for (const row of rows) {
    const count = row._sum.count ?? 0;
    if (row.decision === 'allow') facts.allow += count;
    else facts.deny += count;
    if (OUT_OF_SCOPE.includes(row.reason)) facts.outOfScope += count;
    if (BAD_TOKEN.includes(row.reason)) facts.badToken += count;
    if (row.reason === 'ERROR') facts.errors += count;
  }
  return facts;
}

async function chain(db: Client, checkpoint: SignedCheckpoint | null): Promise<ControlFacts['chain']> {
  const [head, first, missingTriggers] = await Promise.all([
    db.auditChainHead.findUnique({ where: { id: 1 } }),
    db.auditEvent.findUnique({ where: { seq: 1 }, select: { recordedAt: true } }),
    missingAppendOnlyTriggers(db as Db),
  ]);
  return {
    headSeq: head?.seq ?? 0,
    firstRecordedAt: first ? first.recordedAt.toISOString() : null,
    missingTriggers,
    checkpoint: checkpoint ? { seq: checkpoint.seq, signedAt: checkpoint.signedAt } : null,
  };
}

/** Every figure the controls need, read on `db` (a transaction's view when the pack is made). */
export async function gatherControlFacts(
  db: Client,
  now: Date,
  checkpoint: SignedCheckpoint | null,
): Promise<ControlFacts> {
  const since = utcDay(new Date(now.getTime() - (WINDOW_DAYS - 1) * DAY_MS));
  const activeCredential = { status: 'ACTIVE' } as const;
  const [
    total,
    aiAgents,
    discovered,
    orphanedActive,
    agentsWithoutSponsor,
    suspended,
    decommissioned,
    active,
    standing,
    taskTokens,
    taskTokensPastExpiry,
    offboardedSubject,
    borrowedDeclared,
    unbound,
    weakHeldByNhi,
    decommissionedHolder,
    revoked,
    humanUseOfNhi,
    offboardedPeople,
    findings,
    unresolvedCases,
    resolvedCases,
    pending,
    activeScopes,
    activeWithOffboardedInitiator,
    selfApproved,
    highRiskWithoutSecurity,
    highRiskApproved,
    overdueItems,
    decidedItems,
  ] = await Promise.all([
    db.nhi.count(),
    db.nhi.count({ where: { kind: 'AI_AGENT', status: { not: 'DECOMMISSIONED' } } }),
    db.nhi.count({ where: { status: 'DISCOVERED' } }),
    db.nhi.count({ where: { status: 'ACTIVE', orphaned: true } }),
    db.nhi.count({ where: { kind: 'AI_AGENT', status: { in: ['ACTIVE', 'SUSPENDED'] }, sponsorId: null } }),
    db.nhi.count({ where: { status: 'SUSPENDED' } }),
    db.nhi.count({ where: { status: 'DECOMMISSIONED' } }),
    db.credential.count({ where: activeCredential }),
    db.credential.count({ where: { ...activeCredential, expiresAt: null, kind: { not: 'TASK_TOKEN' } } }),
    db.credential.count({ where: { ...activeCredential, kind: 'TASK_TOKEN' } }),
    db.credential.count({ where: { ...activeCredential, kind: 'TASK_TOKEN', expiresAt: { lt: now } } }),
    db.credential.count({ where: { ...activeCredential, subjectHuman: { status: 'OFFBOARDED' } } }),
    db.credential.count({ where: { ...activeCredential, subjectHumanId: { not: null }, holderNhiId: { not: null } } }),
    db.credential.count({ where: { ...activeCredential, subjectHumanId: null, subjectNhiId: null } }),
    db.credential.count({
      where: { ...activeCredential, kind: { in: ['PASSWORD', 'SESSION_COOKIE'] }, holderNhiId: { not: null } },
    }),
    db.credential.count({
      where: {
        ...activeCredential,
        OR: [{ holderNhi: { status: 'DECOMMISSIONED' } }, { subjectNhi: { status: 'DECOMMISSIONED' } }],
      },
    }),
    db.credential.count({ where: { status: 'REVOKED' } }),
    db.credential.count({
      where: { subjectNhiId: { not: null }, usages: { some: { executorKey: { startsWith: 'HUMAN:' } } } },
    }),
    db.human.count({ where: { status: 'OFFBOARDED' } }),
    findingCounts(db),
    db.borrowedCase.count({ where: { flagged: true, status: { not: 'RESOLVED' } } }),
    db.borrowedCase.count({ where: { flagged: true, status: 'RESOLVED' } }),
    db.scopeRequest.count({ where: { status: 'PENDING' } }),
    db.scopeRequest.count({ where: { status: 'APPROVED' } }),
    db.scopeRequest.count({ where: { status: 'APPROVED', initiator: { status: 'OFFBOARDED' } } }),
    selfApprovals(db),
    db.scopeRequest.count({
      where: {
        needsSecurityApproval: true,
        status: { in: [...GRANTED] },
        approvals: { none: { stage: 'SECURITY', decision: 'APPROVE' } },
      },
    }),
    db.scopeRequest.count({ where: { needsSecurityApproval: true, status: { in: [...GRANTED] } } }),
    db.reviewItem.count({ where: { decision: 'PENDING', campaign: { status: 'OPEN', dueAt: { lt: now } } } }),
    db.reviewItem.count({ where: { decision: { not: 'PENDING' } } }),
  ]);
  const [activityFacts, decisionFacts, chainFacts] = await Promise.all([
    activity(db, since),
    decisions(db, since),
    chain(db, checkpoint),
  ]);
  return {
    windowDays: WINDOW_DAYS,
    since,
    nhis: { total, aiAgents, discovered, orphanedActive, agentsWithoutSponsor, suspended, decommissioned },
    credentials: {
      active,
      standing,
      taskTokens,
      taskTokensPastExpiry,
      offboardedSubject,
      borrowedDeclared,
      unbound,
      weakHeldByNhi,
      decommissionedHolder,
      revoked,
      humanUseOfNhi,
    },
    offboardedPeople,
    findings: {
      orphaned: findings.ORPHANED,
      longLived: findings.LONG_LIVED_SECRET,
      stale: findings.STALE,
      borrowed: findings.BORROWED_HUMAN_CREDENTIAL,
      shared: findings.SHARED_CREDENTIAL,
      environmentMix: findings.ENVIRONMENT_MIX,
    },
    borrowedCases: { unresolved: unresolvedCases, resolved: resolvedCases },
    scopes: {
      pending,
      active: activeScopes,
      activeWithOffboardedInitiator,
      selfApproved,
      highRiskWithoutSecurity,
      highRiskApproved,
    },
    reviews: { overdueItems, decidedItems },
    activity: activityFacts,
    decisions: decisionFacts,
    chain: chainFacts,
  };
}

/** The controls' statuses as of now, for the evidence page. Reading only. */
export async function liveControls(actor: Actor): Promise<{ controls: ControlResult[]; facts: ControlFacts }> {
  requirePermission(actor, 'evidence.export');
  const db = await getDb();
  const facts = await gatherControlFacts(db, new Date(), await latestCheckpoint(db));
  return { controls: evaluateControls(facts), facts };
}
