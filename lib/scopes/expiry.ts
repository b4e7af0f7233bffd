import 'server-only';
import { getDb } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import { systemJob } from '../use-case';

/**
 * Marks approved scopes whose time is up as EXPIRED, and their task tokens' credentials with them. Decisions
 * check expiry themselves, so this is bookkeeping for the lists and the audit trail, not what denies a token.
 */

export const SWEEP_INTERVAL_MS = 60_000;
const SWEEP_BATCH = 500;

export async function sweepExpiredScopes(now = new Date()): Promise<{ scopes: number; tokens: number }> {
  const total = { scopes: 0, tokens: 0 };
  // A read first: most minutes nothing is due, and the audited transaction would take the chain's write lock.
  const db = await getDb();
  const anyDue = await db.scopeRequest.findFirst({
    where: { status: 'APPROVED', expiresAt: { lte: now } },
    select: { id: true },
  });
  if (!anyDue) return total;
  for (;;) {
    const swept = await systemJob('scope expiry', async ({ tx, audit }) => {
      const due = await tx.scopeRequest.findMany({
        where: { status: 'APPROVED', expiresAt: { lte: now } },
        select: { id: true, taskToken: { select: { credentialId: true } } },
        orderBy: { expiresAt: 'asc' },
        take: SWEEP_BATCH,
      });
      if (due.length === 0) return { scopes: 0, tokens: 0 };
      const scopeIds = due.map((scope) => scope.id);
      const credentialIds = due.flatMap((scope) => (scope.taskToken ? [scope.taskToken.credentialId] : []));
      const scopes = await tx.scopeRequest.updateMany({
        where: { id: { in: scopeIds }, status: 'APPROVED' },
        data: { status: 'EXPIRED' },
      });
      const tokens = await tx.credential.updateMany({
        where: { id: { in: credentialIds }, status: 'ACTIVE' },
        data: { status: 'EXPIRED' },
      });
      audit(AUDIT_ACTIONS.scopeExpired, null, { scopes: scopes.count, tokens: tokens.count, scopeIds });
      return { scopes: scopes.count, tokens: tokens.count };
    });
    total.scopes += swept.scopes;
    total.tokens += swept.tokens;
    if (swept.scopes < SWEEP_BATCH) return total;
  }
}

let sweeping: NodeJS.Timeout | null = null;

/** The in-process sweeper: once a minute, on every Steward instance (the updates make repeats harmless). */
export function startExpirySweeper(): void {
  if (sweeping) return;
  sweeping = setInterval(() => {
    sweepExpiredScopes().catch((error: unknown) => console.error('Sweeping expired scopes failed', error));
  }, SWEEP_INTERVAL_MS);
  sweeping.unref();
}
