import 'server-only';
import { getDb } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import { can, requireHuman, type Actor, type HumanActor } from '../auth/actor';
import { nhiScope, scopeReach } from '../auth/ownership';
import { notFound } from '../errors';
import { checkDecider, stageDue, type ApprovalStage } from './approvals';
import { stringList } from './facts';
import { readScopePolicy } from './policy';
import { assessRisk, ttlCapSeconds, type RiskAssessment } from './risk';
import { AppError } from '../errors';

/** What the approval screens read: the queue a person may decide on, the grants that are live, an agent's past. */

const QUEUE_LIMIT = 200;
export const GRANTS_PAGE_SIZE = 50;

export type PendingScopeView = {
  id: string;
  task: string;
  justification: string;
  nhi: { id: string; name: string; kind: string; environment: string };
  initiator: { id: string; email: string; name: string } | null;
  actions: string[];
  resources: string[];
  requestedTtlSeconds: number;
  /** The longest this decision may grant: the policy's cap, and no more than a first approval granted. */
  ttlCapSeconds: number;
  maxUses: number | null;
  requestedAt: Date;
  risk: RiskAssessment;
  stage: ApprovalStage;
  approvals: { stage: ApprovalStage; approver: string; at: Date }[];
  /** Null when this person may decide now; otherwise why not, in words. */
  blockedReason: string | null;
};

function whyBlocked(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
}

/** Pending requests this person may see in their queue, oldest first: a sponsor's own NHIs', Security's all. */
export async function pendingApprovals(actor: Actor): Promise<PendingScopeView[]> {
  const person = requireHuman(actor, 'scope.approve');
  const db = await getDb();
  const policy = await readScopePolicy(db);
  const scopes = await db.scopeRequest.findMany({
    where: { AND: [{ status: 'PENDING' }, scopeReach(person, 'decideScopes')] },
    orderBy: { requestedAt: 'asc' },
    take: QUEUE_LIMIT,
    select: {
      id: true,
      status: true,
      task: true,
      justification: true,
      actions: true,
      resources: true,
      requestedTtlSeconds: true,
      approvedTtlSeconds: true,
      maxUses: true,
      needsSecurityApproval: true,
      initiatorId: true,
      requestedAt: true,
      nhi: { select: { id: true, name: true, kind: true, environment: true, sponsorId: true } },
      initiator: { select: { id: true, email: true, name: true } },
      approvals: {
        select: {
          stage: true,
          decision: true,
          approverId: true,
          createdAt: true,
          approver: { select: { email: true } },
        },
      },
    },
  });
  return scopes.map((scope) => {
    const actions = stringList(scope.actions);
    const resources = stringList(scope.resources);
    const stage = stageDue(scope);
    return {
      id: scope.id,
      task: scope.task,
      justification: scope.justification,
      nhi: scope.nhi,
      initiator: scope.initiator,
      actions,
      resources,
      requestedTtlSeconds: scope.requestedTtlSeconds,
      ttlCapSeconds: Math.min(ttlCapSeconds(policy, actions), scope.approvedTtlSeconds ?? Infinity),
      maxUses: scope.maxUses,
      requestedAt: scope.requestedAt,
      risk: assessRisk(policy, { actions, resources, ttlSeconds: scope.requestedTtlSeconds, maxUses: scope.maxUses }),
      stage,
      approvals: scope.approvals.map((approval) => ({
        stage: approval.stage,
        approver: approval.approver.email,
        at: approval.createdAt,
      })),
      blockedReason: whyBlocked(() => checkDecider(person, scope, stage)),
    };
  });
}

export type ActiveGrant = {
  id: string;
  task: string;
  nhi: { id: string; name: string; status: string };
  initiator: string | null;
  actions: string[];
  resources: string[];
  approvedAt: Date | null;
  expiresAt: Date;
  useCount: number;
  maxUses: number | null;
  token: { id: string; issuedAt: Date } | null;
};

/** Approved scopes that have not yet expired, soonest to expire first, within the person's reach. */
export async function activeGrants(
  actor: Actor,
  options: { nhiId?: string; page?: number } = {},
): Promise<{ grants: ActiveGrant[]; total: number; page: number; pageSize: number; canRevoke: boolean }> {
  const person = requireHuman(actor, 'scope.read');
  const db = await getDb();
  const page = Math.max(1, options.page ?? 1);
  const where = {
    AND: [
      { status: 'APPROVED' as const, expiresAt: { gt: new Date() } },
      scopeReach(person, 'readNhis'),
      options.nhiId ? { nhiId: options.nhiId } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db.scopeRequest.findMany({
      where,
      orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * GRANTS_PAGE_SIZE,
      take: GRANTS_PAGE_SIZE,
      select: {
        id: true,
        task: true,
        actions: true,
        resources: true,
        decidedAt: true,
        expiresAt: true,
        useCount: true,
        maxUses: true,
        nhi: { select: { id: true, name: true, status: true } },
        initiator: { select: { email: true } },
        taskToken: { select: { id: true, issuedAt: true } },
      },
    }),
    db.scopeRequest.count({ where }),
  ]);
  return {
    grants: rows.map((row) => ({
      id: row.id,
      task: row.task,
      nhi: row.nhi,
      initiator: row.initiator?.email ?? null,
      actions: stringList(row.actions),
      resources: stringList(row.resources),
      approvedAt: row.decidedAt,
      expiresAt: row.expiresAt as Date,
      useCount: row.useCount,
      maxUses: row.maxUses,
      token: row.taskToken,
    })),
    total,
    page,
    pageSize: GRANTS_PAGE_SIZE,
    canRevoke: can(person, 'credential.revoke'),
  };
}

export type AgentHistory = {
  pastScopes: { id: string; task: string; status: string; requestedAt: Date; decidedAt: Date | null }[];
  recentDecisions: {
    seq: number;
    occurredAt: Date;
    decision: string;
    reason: string;
    action: string;
    resource: string | null;
  }[];
  openFindings: { id: string; title: string; severity: string }[];
  borrowedCases: { id: string; status: string; confidence: string; humanLabel: string; lastSeen: Date }[];
};

const HISTORY_ITEMS = 8;

function decisionDetails(details: string): { decision: string; reason: string; action: string } {
  const parsed = JSON.parse(details) as { decision?: string; reason?: string; requestedAction?: string };
  return { decision: parsed.decision ?? '', reason: parsed.reason ?? '', action: parsed.requestedAction ?? '' };
}

/** What an approver should know about the agent before deciding: its past scopes, decisions, findings, cases. */
export async function agentHistory(actor: Actor, nhiId: string): Promise<AgentHistory> {
  const person: HumanActor = requireHuman(actor, 'scope.read');
  const db = await getDb();
  const nhi = await db.nhi.findFirst({ where: { id: nhiId, ...nhiScope(person, 'readNhis') }, select: { id: true } });
  if (!nhi) throw notFound('The identity');
  const [pastScopes, decisions, openFindings, borrowedCases] = await Promise.all([
    db.scopeRequest.findMany({
      where: { nhiId, status: { not: 'PENDING' } },
      orderBy: { requestedAt: 'desc' },
      take: HISTORY_ITEMS,
      select: { id: true, task: true, status: true, requestedAt: true, decidedAt: true },
    }),
    db.auditEvent.findMany({
      where: { executorId: nhiId, action: AUDIT_ACTIONS.runtimeAuthorize },
      orderBy: { seq: 'desc' },
      take: HISTORY_ITEMS,
      select: { seq: true, occurredAt: true, resource: true, details: true },
    }),
    db.finding.findMany({
      where: { nhiId, status: 'OPEN' },
      orderBy: { detectedAt: 'desc' },
      take: HISTORY_ITEMS,
      select: { id: true, title: true, severity: true },
    }),
    db.borrowedCase.findMany({
      where: { agentNhiId: nhiId, flagged: true },
      orderBy: { lastSeen: 'desc' },
      take: HISTORY_ITEMS,
      select: { id: true, status: true, confidence: true, humanLabel: true, lastSeen: true },
    }),
  ]);
  return {
    pastScopes,
    recentDecisions: decisions.map((event) => ({
      seq: event.seq,
      occurredAt: event.occurredAt,
      resource: event.resource,
      ...decisionDetails(event.details),
    })),
    openFindings,
    borrowedCases,
  };
}
