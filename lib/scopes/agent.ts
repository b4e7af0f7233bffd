import 'server-only';
import { randomBytes } from 'node:crypto';
import { getDb, transaction, type Tx } from '../db';
import { appendAuditEvents, lockChainHead, stewardEvent, type Principal } from '../audit/append';
import { AUDIT_ACTIONS } from '../audit/actions';
import { base62, hashSecret } from '../auth/api-keys';
import { requirePermission, type Actor, type KeyActor } from '../auth/actor';
import { AppError, conflict, fieldError, forbidden, notFound } from '../errors';
import { credentialSearchText, nameKey } from '../inventory/search-text';
import { keyUseCase, type EventParties } from '../use-case';
import { readScopePolicy } from './policy';
import { assessRisk, ttlCapSeconds } from './risk';
import { scopeIdSchema, scopeRequestSchema } from './schemas';
import { notifyScopeWebhook } from '../webhooks/notify';
import { scopeFacts } from './facts';

/** What an agent does through the machine API with its own key: ask for a scope, wait, fetch its token, finish. */

export const TASK_TOKEN_PREFIX = 'stw_task_';
const LONG_POLL_STEP_MS = 500;
export const MAX_WAIT_SECONDS = 30;

function agentNhiId(actor: KeyActor): string {
  if (!actor.nhiId) throw forbidden('This key belongs to no NHI: only an agent key may ask for task scopes.');
  return actor.nhiId;
}

/** The agent acted, for the person who asked: the parties of every event about one of its scopes. */
export function scopeParties(
  nhi: { id: string; name: string },
  initiator: { id: string; email: string } | null,
  scopeId: string,
): Required<Pick<EventParties, 'initiator' | 'executor' | 'attribution' | 'scopeId'>> {
  const executor: Principal = { type: 'NHI', id: nhi.id, label: nhi.name };
  return {
    initiator: initiator ? { type: 'HUMAN', id: initiator.id, label: initiator.email } : executor,
    executor,
    attribution: initiator ? 'AGENT_DELEGATED' : 'AGENT_AUTONOMOUS',
    scopeId,
  };
}

async function activeInitiator(tx: Tx, email: string) {
  const person = await tx.human.findUnique({ where: { email }, select: { id: true, email: true, status: true } });
  if (!person) throw fieldError('initiator', 'No person with this email is known to Steward.');
  if (person.status !== 'ACTIVE')
    throw fieldError('initiator', 'This person has been offboarded: nobody can act on their behalf.');
  return person;
}

export const requestScope = keyUseCase({
  permission: 'scope.request',
  input: scopeRequestSchema,
  run: async ({ tx, actor, audit }, input) => {
    const nhiId = agentNhiId(actor);
    const nhi = await tx.nhi.findUniqueOrThrow({
      where: { id: nhiId },
      select: { id: true, name: true, sponsor: { select: { status: true } } },
    });
    if (nhi.sponsor?.status !== 'ACTIVE')
      throw new AppError('SPONSOR_INACTIVE', `${nhi.name} has no active sponsor to approve its task scopes.`, 409);
    const initiator = await activeInitiator(tx, input.initiator);
    const policy = await readScopePolicy(tx);
    const cap = ttlCapSeconds(policy, input.actions);
    if (input.ttlSeconds > cap)
      throw fieldError('ttlSeconds', `The policy caps scopes with these actions at ${cap} seconds; ask for less.`);
    const risk = assessRisk(policy, input);
    const scope = await tx.scopeRequest.create({
      data: {
        nhiId,
        task: input.task,
        justification: input.justification,
        actions: JSON.stringify(input.actions),
        resources: JSON.stringify(input.resources),
        requestedResources: JSON.stringify(input.resources),
        requestedTtlSeconds: input.ttlSeconds,
        maxUses: input.maxUses,
        initiatorId: initiator.id,
        stateChanging: risk.stateChanging,
        riskScore: risk.score,
        needsSecurityApproval: risk.needsSecurityApproval,
      },
      select: { id: true, status: true },
    });
    const facts = { nhiId, ...input };
    audit(
      AUDIT_ACTIONS.scopeRequested,
      `scope:${scope.id}`,
      {
        ...scopeFacts(facts),
        riskScore: risk.score,
        stateChanging: risk.stateChanging,
        needsSecurityApproval: risk.needsSecurityApproval,
      },
      scopeParties(nhi, initiator, scope.id),
    );
    await notifyScopeWebhook(tx, 'scope.requested', {
      scopeId: scope.id,
      nhi: { id: nhi.id, name: nhi.name },
      initiator: initiator.email,
      task: input.task,
      actions: input.actions,
      resources: input.resources,
      ttlSeconds: input.ttlSeconds,
      maxUses: input.maxUses,
      risk: { score: risk.score, level: risk.level, needsSecurityApproval: risk.needsSecurityApproval },
    });
    return { id: scope.id, status: scope.status };
  },
});

export type ScopeStatusAnswer = { id: string; status: string; expiresAt?: string; reason?: string };

async function readStatus(id: string, nhiId: string): Promise<ScopeStatusAnswer> {
  const db = await getDb();
  const scope = await db.scopeRequest.findFirst({
    where: { id, nhiId },
    select: { id: true, status: true, expiresAt: true, denialReason: true, revocationReason: true },
  });
  if (!scope) throw notFound('The scope request');
  return {
    id: scope.id,
    status: scope.status,
    ...(scope.expiresAt ? { expiresAt: scope.expiresAt.toISOString() } : {}),
    ...(scope.status === 'DENIED' && scope.denialReason ? { reason: scope.denialReason } : {}),
    ...(scope.status === 'REVOKED' && scope.revocationReason ? { reason: scope.revocationReason } : {}),
  };
}

/**
 * A scope request's status, for the agent that made it. With `waitSeconds`, a pending request is watched until
 * it is decided or the wait ends (a long poll), so an unattended agent waits for a person without hammering.
 */
export async function scopeStatus(
  actor: Actor,
  id: string,
  waitSeconds = 0,
  signal?: AbortSignal,
): Promise<ScopeStatusAnswer> {
  if (actor.kind !== 'key') throw forbidden('This needs the agent key of the NHI that asked.');
  requirePermission(actor, 'scope.request');
  const nhiId = agentNhiId(actor);
  const deadline = Date.now() + Math.min(Math.max(waitSeconds, 0), MAX_WAIT_SECONDS) * 1000;
  let answer = await readStatus(id, nhiId);
  while (answer.status === 'PENDING' && Date.now() < deadline && !signal?.aborted) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(LONG_POLL_STEP_MS, deadline - Date.now())));
    answer = await readStatus(id, nhiId);
  }
  return answer;
}

function newTaskToken(): string {
  return `${TASK_TOKEN_PREFIX}${base62(randomBytes(64), 43)}`;
}

export const fetchTaskToken = keyUseCase({
  permission: 'scope.fetch_token',
  input: scopeIdSchema,
  run: async ({ tx, actor, audit }, { id }) => {
    const scope = await tx.scopeRequest.findFirst({
      where: { id, nhiId: agentNhiId(actor) },
      select: {
        id: true,
        task: true,
        status: true,
        expiresAt: true,
        nhi: { select: { id: true, name: true, environment: true } },
        initiator: { select: { id: true, email: true } },
        taskToken: { select: { id: true } },
      },
    });
    if (!scope) throw notFound('The scope request');
    if (scope.taskToken) throw conflict('The task token of this scope was already fetched: it is shown only once.');
    if (scope.status !== 'APPROVED' || !scope.expiresAt || scope.expiresAt <= new Date())
      throw conflict(
        `This scope is ${scope.status === 'APPROVED' ? 'expired' : scope.status.toLowerCase()}: no token can be issued.`,
      );
    const token = newTaskToken();
    const tokenHash = hashSecret(token);
    const fingerprint = `sha256:${tokenHash}`;
    const name = `task token · ${scope.task}`.slice(0, 200);
    const credential = await tx.credential.create({
      data: {
        kind: 'TASK_TOKEN',
        name,
        system: 'steward',
        fingerprint,
        environment: scope.nhi.environment,
        subjectNhiId: scope.nhi.id,
        holderNhiId: scope.nhi.id,
        expiresAt: scope.expiresAt,
        searchText: credentialSearchText({ name, system: 'steward', fingerprint }),
        nameKey: nameKey(name),
      },
      select: { id: true },
    });
    const taskToken = await tx.taskToken.create({
      data: { tokenHash, scopeRequestId: scope.id, credentialId: credential.id, expiresAt: scope.expiresAt },
      select: { id: true },
    });
    audit(
      AUDIT_ACTIONS.scopeTokenIssued,
      `scope:${scope.id}`,
      {
        nhiId: scope.nhi.id,
        tokenId: taskToken.id,
        prefix: token.slice(0, TASK_TOKEN_PREFIX.length + 4),
        expiresAt: scope.expiresAt.toISOString(),
      },
      {
        ...scopeParties(scope.nhi, scope.initiator, scope.id),
        credential: { id: credential.id, kind: 'TASK_TOKEN', subjectType: 'NHI' },
      },
    );
    return { token, expiresAt: scope.expiresAt.toISOString() };
  },
});

/** The agent reports its task done with the task token itself; the token is dead from then on. */
export async function completeScope(token: string, id: string): Promise<{ status: 'COMPLETED' }> {
  return transaction(async (tx) => {
    await lockChainHead(tx);
    const row = await tx.taskToken.findUnique({
      where: { tokenHash: hashSecret(token) },
      select: {
        id: true,
        credentialId: true,
        scopeRequest: {
          select: {
            id: true,
            status: true,
            useCount: true,
            nhi: { select: { id: true, name: true } },
            initiator: { select: { id: true, email: true } },
          },
        },
      },
    });
    if (!row)
      throw new AppError('UNAUTHENTICATED', 'Send the task token of this scope as "Authorization: Bearer …".', 401);
    const scope = row.scopeRequest;
    if (scope.id !== id) throw forbidden('This task token belongs to another scope.');
    if (scope.status !== 'APPROVED') throw conflict(`This scope is already ${scope.status.toLowerCase()}.`);
    const now = new Date();
    const updated = await tx.scopeRequest.updateMany({
      where: { id, status: 'APPROVED' },
      data: { status: 'COMPLETED', completedAt: now },
    });
    if (updated.count !== 1) throw conflict('This scope changed at the same moment; ask for its status.');
    await tx.credential.update({ where: { id: row.credentialId }, data: { status: 'EXPIRED', expiresAt: now } });
    const parties = scopeParties(scope.nhi, scope.initiator, scope.id);
    await appendAuditEvents(tx, [
      {
        ...stewardEvent(
          { principal: parties.executor, attribution: parties.attribution },
          AUDIT_ACTIONS.scopeCompleted,
          `scope:${id}`,
          {
            nhiId: scope.nhi.id,
            tokenId: row.id,
            reason: null,
            uses: scope.useCount,
          },
        ),
        ...parties,
        credential: { id: row.credentialId, kind: 'TASK_TOKEN', subjectType: 'NHI' },
      },
    ]);
    await notifyScopeWebhook(tx, 'scope.completed', { scopeId: id, nhi: scope.nhi });
    return { status: 'COMPLETED' as const };
  });
}
