import 'server-only';
import type { Tx } from '../db';
import { recheckRevokedToken } from '../decisions/authorize';

/**
 * Asks the decision code behind `/authorize` about each revoked task token, twice, for two proofs. Inside the
 * revocation's transaction, after its updates, it decides over the facts that transaction is about to commit:
 * that answer is what the audit event records, and it commits with the revocation or not at all. After the
 * commit it reads the committed rows the way every decision does and answers again: that is what the person is
 * shown, beside whether it matches the record.
 */

export type TokenCheck = { tokenId: string; scopeId: string; decision: string; reason: string };

async function recheck(tokens: { tokenId: string; scopeId: string }[], tx?: Tx): Promise<TokenCheck[]> {
  const checks: TokenCheck[] = [];
  for (const { tokenId, scopeId } of tokens) {
    const { decision, reason } = await recheckRevokedToken(tokenId, tx);
    checks.push({ tokenId, scopeId, decision, reason });
  }
  return checks;
}

export function recheckInTransaction(tx: Tx, tokens: { id: string; scopeId: string }[]): Promise<TokenCheck[]> {
  return recheck(
    tokens.map((token) => ({ tokenId: token.id, scopeId: token.scopeId })),
    tx,
  );
}

export function recheckAfterCommit(tokens: { tokenId: string; scopeId: string }[]): Promise<TokenCheck[]> {
  return recheck(tokens);
}
