import 'server-only';
import { getDb } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import { requireHuman, type Actor, type HumanActor } from '../auth/actor';
import { AppError, conflict, fieldError } from '../errors';
import { recomputeFindings } from '../findings/recompute';
import { personUseCase, type UseCaseContext } from '../use-case';
import { parseInput } from '../validation';
import { revokeScopesIn } from '../scopes/revoke';
import { isEmptyImpact, readBulkImpact, type BulkImpact, type TargetSummary } from './impact';
import { recheckAfterCommit, recheckInTransaction, type TokenCheck } from './recheck';
import { bulkTargetSchema, runBulkRevocationSchema } from './schemas';

/**
 * Bulk revocation by NHI, person, system or sponsor: a preview of the impact, then every change in one
 * transaction that refuses to run when the impact differs from the previewed one, then a receipt in which the
 * decision code answers for each revoked task token.
 */

/** Rows per `IN (…)` list: far below both databases' limits on bound parameters. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) result.push(items.slice(start, start + CHUNK));
  return result;
}

export async function previewBulkRevocation(actor: Actor, input: unknown): Promise<BulkImpact> {
  requireHuman(actor, 'revocation.bulk');
  return readBulkImpact(await getDb(), parseInput(bulkTargetSchema, input));
}

export function stalePreview(): AppError {
  return new AppError(
    'STALE_PREVIEW',
    'What this revocation would end has changed since you previewed it. Review the new impact and confirm again.',
    409,
  );
}

/**
 * Revokes the previewed scopes (with their tokens) and credentials still in the previewed state; any difference
 * means the preview went stale, and the transaction is rolled back.
 */
async function revokeAll(
  context: UseCaseContext<HumanActor>,
  impact: BulkImpact,
  reason: string,
  revokedAt: Date,
): Promise<void> {
  const { tx, actor, audit } = context;
  const scopes = impact.scopes.map((scope) => ({
    id: scope.id,
    nhi: scope.nhi,
    taskToken: scope.taskToken && { id: scope.taskToken.id, credentialId: scope.taskToken.credentialId },
  }));
  const revokedScopes = await revokeScopesIn(context, scopes, reason, 'bulk');
  const revoked = { revokedAt, revokedById: actor.humanId, revocationReason: reason };
  let credentials = 0;
  for (const ids of chunks(impact.credentials.map((credential) => credential.id)))
    credentials += (
      await tx.credential.updateMany({
        where: { id: { in: ids }, status: 'ACTIVE' },
        data: { status: 'REVOKED', ...revoked },
      })
    ).count;
  if (revokedScopes !== impact.scopes.length || credentials !== impact.credentials.length) throw stalePreview();
  for (const credential of impact.credentials)
    audit(AUDIT_ACTIONS.credentialRevoked, `credential:${credential.id}`, {
      reason,
      kind: credential.kind,
      subjectHumanId: impact.target.kind === 'human' ? impact.target.id : null,
      via: 'bulk',
    });
  await recomputeFindings(tx, {
    credentialIds: [...impact.tokens.map((token) => token.credentialId), ...impact.credentials.map((c) => c.id)],
    nhiIds: impact.nhis.map((nhi) => nhi.id),
  });
}

type Recorded = {
  target: TargetSummary;
  reason: string;
  revokedAt: string;
  scopes: number;
  tokens: number;
  credentials: number;
  nhis: number;
  people: number;
  recorded: TokenCheck[];
};

const revokeInTransaction = personUseCase({
  permission: 'revocation.bulk',
  input: runBulkRevocationSchema,
  run: async (context, { kind, id, reason, confirmation, impactDigest }): Promise<Recorded> => {
    const impact = await readBulkImpact(context.tx, { kind, id });
    if (confirmation !== impact.target.confirmText)
      throw fieldError('confirmation', `Type ${impact.target.confirmText} exactly to confirm.`);
    if (impact.digest !== impactDigest) throw stalePreview();
    if (isEmptyImpact(impact)) throw conflict('Nothing active is left to revoke for this target.');
    const revokedAt = new Date();
    await revokeAll(context, impact, reason, revokedAt);
    const checks = await recheckInTransaction(context.tx, impact.tokens);
    const { kind: targetKind, label, resource } = impact.target;
    context.audit(AUDIT_ACTIONS.bulkRevocation, resource, {
      target: { kind: targetKind, id, label },
      reason,
      scopes: impact.scopes.length,
      tokens: checks,
    });
    return {
      target: impact.target,
      reason,
      revokedAt: revokedAt.toISOString(),
      scopes: impact.scopes.length,
      tokens: impact.tokens.length,
      credentials: impact.credentials.length,
      nhis: impact.nhis.length,
      people: impact.people.length,
      recorded: checks,
    };
  },
});

export type BulkRevocationReceipt = Recorded & {
  /** The decision code's answers read after the commit, in the order of `recorded`. */
  afterCommit: TokenCheck[];
  /** Every revoked token is refused, in the recorded answer and after the commit alike. */
  proven: boolean;
};

/** Revokes everything the preview showed (or nothing), then asks the decision code again about each token. */
export async function runBulkRevocation(actor: Actor, input: unknown): Promise<BulkRevocationReceipt> {
  const recorded = await revokeInTransaction(actor, input);
  const afterCommit = await recheckAfterCommit(recorded.recorded);
  const proven = [...recorded.recorded, ...afterCommit].every((check) => check.decision === 'deny');
  return { ...recorded, afterCommit, proven };
}
