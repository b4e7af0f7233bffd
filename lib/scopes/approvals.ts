import 'server-only';
import type { Tx } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import { can, type HumanActor } from '../auth/actor';
import { scopeReach } from '../auth/ownership';
import { AppError, conflict, fieldError, notFound } from '../errors';
import { personUseCase } from '../use-case';
import { notifyScopeWebhook } from '../webhooks/notify';
import { scopeFacts, stringList } from './facts';
import { readScopePolicy } from './policy';
import { isNarrowerOrEqual, ttlCapSeconds } from './risk';
import { approveScopeSchema, denyScopeSchema } from './schemas';

/**
 * A person's decision on a pending scope. The NHI's sponsor decides first (Security and admins may stand in);
 * a state-changing scope above the policy's risk threshold then needs a second approval by Security, from
 * someone other than the first approver. Nobody decides on a scope they initiated.
 */

export type ApprovalStage = 'SPONSOR' | 'SECURITY';

const PENDING_SCOPE_SELECT = {
  id: true,
  status: true,
  task: true,
  actions: true,
  resources: true,
  requestedTtlSeconds: true,
  approvedTtlSeconds: true,
  requestedResources: true,
  maxUses: true,
  needsSecurityApproval: true,
  initiatorId: true,
  nhi: { select: { id: true, name: true, sponsorId: true } },
  initiator: { select: { id: true, email: true } },
  approvals: { select: { stage: true, decision: true, approverId: true } },
} as const;

type PendingScope = NonNullable<Awaited<ReturnType<typeof loadPending>>>;

async function loadPending(tx: Tx, actor: HumanActor, scopeId: string) {
  return tx.scopeRequest.findFirst({
    where: { AND: [{ id: scopeId }, decidableBy(actor)] },
    select: PENDING_SCOPE_SELECT,
  });
}

/** Scopes a person may decide on: their own NHIs' as a sponsor; any as Security or an admin. */
function decidableBy(actor: HumanActor) {
  return scopeReach(actor, 'decideScopes');
}

/** Which approval the scope waits for now. */
export function stageDue(scope: { needsSecurityApproval: boolean; approvals: { stage: string }[] }): ApprovalStage {
  return scope.approvals.some((approval) => approval.stage === 'SPONSOR') ? 'SECURITY' : 'SPONSOR';
}

function separationOfDuties(message: string): AppError {
  return new AppError('SEPARATION_OF_DUTIES', message, 403);
}

/** Refuses a decision this person may not make on this scope, with the reason in words. */
export function checkDecider(
  actor: HumanActor,
  scope: { initiatorId: string | null; approvals: { approverId: string }[] },
  stage: ApprovalStage,
): void {
  if (scope.initiatorId === actor.humanId)
    throw separationOfDuties('You initiated this task: someone else must decide on its scope.');
  if (stage === 'SECURITY') {
    if (!can(actor, 'scope.approve_high_risk'))
      throw separationOfDuties('This scope waits for a second approval by Security.');
    if (scope.approvals.some((approval) => approval.approverId === actor.humanId))
      throw separationOfDuties('You gave the first approval: the second must come from someone else.');
  }
}

async function pendingScopeFor(tx: Tx, actor: HumanActor, scopeId: string): Promise<PendingScope> {
  const scope = await loadPending(tx, actor, scopeId);
  if (!scope) throw notFound('The scope request');
  if (scope.status !== 'PENDING') throw conflict(`This scope request is already ${scope.status.toLowerCase()}.`);
  return scope;
}

/** A second approval starts from what the first approved: each approver may only narrow it further. */
function approvedTerms(
  scope: PendingScope,
  input: { ttlSeconds?: number; resources?: string[]; maxUses?: number },
  cap: number,
) {
  const currentResources = stringList(scope.resources);
  const currentTtl = scope.approvedTtlSeconds ?? scope.requestedTtlSeconds;
  const ttlSeconds = input.ttlSeconds ?? Math.min(currentTtl, cap);
  if (ttlSeconds > currentTtl) throw fieldError('ttlSeconds', `Approve at most ${currentTtl} seconds.`);
  if (ttlSeconds > cap) throw fieldError('ttlSeconds', `The policy caps this scope at ${cap} seconds.`);
  const resources = input.resources ?? currentResources;
  if (!isNarrowerOrEqual(currentResources, resources))
    throw fieldError('resources', 'Approve only the requested resources or narrower patterns inside them.');
  const maxUses = input.maxUses ?? scope.maxUses;
  if (scope.maxUses !== null && maxUses !== null && maxUses > scope.maxUses)
    throw fieldError('maxUses', `Allow at most ${scope.maxUses} uses.`);
  return { ttlSeconds, resources, maxUses };
}

export const approveScope = personUseCase({
  permission: 'scope.approve',
  input: approveScopeSchema,
  run: async ({ tx, actor, audit }, input) => {
    const scope = await pendingScopeFor(tx, actor, input.scopeId);
    const stage = stageDue(scope);
    checkDecider(actor, scope, stage);
    const actions = stringList(scope.actions);
    const policy = await readScopePolicy(tx);
    const terms = approvedTerms(scope, input, ttlCapSeconds(policy, actions));
    const final = stage === 'SECURITY' || !scope.needsSecurityApproval;
    const now = new Date();
    const expiresAt = final ? new Date(now.getTime() + terms.ttlSeconds * 1000) : null;
    await tx.scopeApproval.create({
      data: { scopeRequestId: scope.id, approverId: actor.humanId, stage, decision: 'APPROVE' },
    });
    const updated = await tx.scopeRequest.updateMany({
      where: { id: scope.id, status: 'PENDING' },
      data: {
        resources: JSON.stringify(terms.resources),
        approvedTtlSeconds: terms.ttlSeconds,
        maxUses: terms.maxUses,
        ...(final ? { status: 'APPROVED', decidedAt: now, expiresAt } : {}),
      },
    });
    if (updated.count !== 1) throw conflict('Someone decided on this scope at the same moment.');
    const status = final ? 'APPROVED' : 'PENDING';
    audit(
      AUDIT_ACTIONS.scopeApproved,
      `scope:${scope.id}`,
      {
        ...scopeFacts({ nhiId: scope.nhi.id, task: scope.task, actions, ...terms }),
        stage,
        status,
        requested: {
          resources: stringList(scope.requestedResources ?? scope.resources),
          ttlSeconds: scope.requestedTtlSeconds,
          maxUses: scope.maxUses,
        },
        expiresAt: expiresAt?.toISOString() ?? null,
      },
      { scopeId: scope.id },
    );
    await notifyScopeWebhook(tx, 'scope.approved', {
      scopeId: scope.id,
      nhi: { id: scope.nhi.id, name: scope.nhi.name },
      stage,
      status,
      approver: actor.email,
      ttlSeconds: terms.ttlSeconds,
      resources: terms.resources,
      maxUses: terms.maxUses,
      expiresAt: expiresAt?.toISOString() ?? null,
    });
    return { status, stage, expiresAt: expiresAt?.toISOString() ?? null };
  },
});

export const denyScope = personUseCase({
  permission: 'scope.approve',
  input: denyScopeSchema,
  run: async ({ tx, actor, audit }, { scopeId, reason }) => {
    const scope = await pendingScopeFor(tx, actor, scopeId);
    const stage = stageDue(scope);
    checkDecider(actor, scope, stage);
    await tx.scopeApproval.create({
      data: { scopeRequestId: scope.id, approverId: actor.humanId, stage, decision: 'DENY', reason },
    });
    const updated = await tx.scopeRequest.updateMany({
      where: { id: scope.id, status: 'PENDING' },
      data: { status: 'DENIED', decidedAt: new Date(), denialReason: reason },
    });
    if (updated.count !== 1) throw conflict('Someone decided on this scope at the same moment.');
    audit(
      AUDIT_ACTIONS.scopeDenied,
      `scope:${scope.id}`,
      { nhiId: scope.nhi.id, stage, reason },
      { scopeId: scope.id },
    );
    await notifyScopeWebhook(tx, 'scope.denied', {
      scopeId: scope.id,
      nhi: { id: scope.nhi.id, name: scope.nhi.name },
      stage,
      reason,
      approver: actor.email,
    });
    return { status: 'DENIED' as const };
  },
});
