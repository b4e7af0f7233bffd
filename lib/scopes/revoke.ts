import 'server-only';
import type { Tx } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import type { HumanActor } from '../auth/actor';
import { reachOf, scopeReach } from '../auth/ownership';
import { conflict, notFound } from '../errors';
import { personUseCase, type UseCaseContext } from '../use-case';
import { notifyScopeWebhook } from '../webhooks/notify';
import { revokeNhiGrantsSchema, revokeScopeSchema } from './schemas';

/**
 * Ending a grant before its time: the scope becomes REVOKED and its task token's credential REVOKED, so the
 * next decision for that token is a deny (TOKEN_REVOKED). A sponsor revokes their own NHIs' grants; Security
 * any.
 */

type Via = 'scope' | 'identity' | 'bulk';

export type RevocableScope = {
  id: string;
  nhi: { id: string; name: string };
  taskToken: { id: string; credentialId: string } | null;
};

export const REVOCABLE_SCOPE_SELECT = {
  id: true,
  nhi: { select: { id: true, name: true } },
  taskToken: { select: { id: true, credentialId: true } },
} as const;

/** Revokes approved scopes and their tokens inside the caller's transaction, one audit event per scope. */
export async function revokeScopesIn(
  context: Pick<UseCaseContext<HumanActor>, 'tx' | 'actor' | 'audit'>,
  scopes: RevocableScope[],
  reason: string,
  via: Via,
): Promise<number> {
  const { tx, actor, audit } = context;
  const now = new Date();
  let revoked = 0;
  for (const scope of scopes) {
    const updated = await tx.scopeRequest.updateMany({
      where: { id: scope.id, status: 'APPROVED' },
      data: { status: 'REVOKED', revokedAt: now, revokedById: actor.humanId, revocationReason: reason },
    });
    if (updated.count === 0) continue;
    revoked += 1;
    if (scope.taskToken) await revokeTokenCredential(tx, scope.taskToken.credentialId, actor, reason, now);
    audit(
      AUDIT_ACTIONS.scopeRevoked,
      `scope:${scope.id}`,
      { nhiId: scope.nhi.id, tokenId: scope.taskToken?.id ?? null, reason, via },
      // The token is named in the details only: the event's credential counts as a use of it.
      { scopeId: scope.id },
    );
    await notifyScopeWebhook(tx, 'scope.revoked', { scopeId: scope.id, nhi: scope.nhi, reason, by: actor.email });
  }
  return revoked;
}

async function revokeTokenCredential(tx: Tx, credentialId: string, actor: HumanActor, reason: string, now: Date) {
  await tx.credential.updateMany({
    where: { id: credentialId, status: 'ACTIVE' },
    data: { status: 'REVOKED', revokedAt: now, revokedById: actor.humanId, revocationReason: reason },
  });
}

export const revokeScope = personUseCase({
  permission: 'credential.revoke',
  input: revokeScopeSchema,
  run: async (context, { scopeId, reason }) => {
    const scope = await context.tx.scopeRequest.findFirst({
      where: { AND: [{ id: scopeId }, scopeReach(context.actor, 'revokeCredentials')] },
      select: { ...REVOCABLE_SCOPE_SELECT, status: true },
    });
    if (!scope) throw notFound('The grant');
    if (scope.status !== 'APPROVED')
      throw conflict(`This scope is ${scope.status.toLowerCase()}: there is nothing to revoke.`);
    return { revoked: await revokeScopesIn(context, [scope], reason, 'scope') };
  },
});

/** Every active grant of one NHI, at once. */
export const revokeNhiGrants = personUseCase({
  permission: 'credential.revoke',
  input: revokeNhiGrantsSchema,
  run: async (context, { nhiId, reason }) => {
    const nhi = await context.tx.nhi.findFirst({
      where: {
        id: nhiId,
        ...(reachOf(context.actor, 'revokeCredentials') === 'all' ? {} : { sponsorId: context.actor.humanId }),
      },
      select: { id: true },
    });
    if (!nhi) throw notFound('The identity');
    const scopes = await context.tx.scopeRequest.findMany({
      where: { nhiId, status: 'APPROVED' },
      select: REVOCABLE_SCOPE_SELECT,
      orderBy: { decidedAt: 'asc' },
    });
    return { revoked: await revokeScopesIn(context, scopes, reason, 'identity') };
  },
});
