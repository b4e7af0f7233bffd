import type { CredentialStatus } from '../db/generated/sqlite/enums';

/**
 * A case is resolved only once its credential has ended (revoked, rotated or expired in the inventory, or, for a
 * credential Steward does not hold, revoked at its source at a time the person states) and no borrowed use is
 * seen after that moment. Pure, so the detail page and the workflow give the same answer.
 */

type EndedBy = 'revoked' | 'rotated' | 'expired' | 'stated';

type ResolutionCheck =
  | { ok: true; why: string; endedAt: Date; endedBy: EndedBy }
  | { ok: false; why: string; problem: 'resolved' | 'active' | 'unstated' | 'future' | 'used_after' };

type CaseFacts = { status: string; lastSeen: Date };
type InventoryFacts = {
  status: CredentialStatus;
  revokedAt: Date | null;
  lastRotatedAt: Date | null;
  expiresAt: Date | null;
} | null;

function inventoryEnd(credential: NonNullable<InventoryFacts>): { endedAt: Date; endedBy: EndedBy } | null {
  if (credential.status === 'REVOKED' && credential.revokedAt)
    return { endedAt: credential.revokedAt, endedBy: 'revoked' };
  if (credential.lastRotatedAt) return { endedAt: credential.lastRotatedAt, endedBy: 'rotated' };
  if (credential.status === 'EXPIRED' && credential.expiresAt)
    return { endedAt: credential.expiresAt, endedBy: 'expired' };
  return null;
}

export function resolutionCheck(
  found: CaseFacts,
  credential: InventoryFacts,
  statedEndedAt: Date | undefined,
  now = new Date(),
): ResolutionCheck {
  if (found.status === 'RESOLVED') return { ok: false, why: 'This case is resolved already.', problem: 'resolved' };
  let end: { endedAt: Date; endedBy: EndedBy } | null;
  if (credential) {
    end = inventoryEnd(credential);
    if (!end)
      return {
        ok: false,
        why: 'The credential is still active in the inventory: revoke or rotate it first, then resolve the case.',
        problem: 'active',
      };
  } else {
    if (!statedEndedAt)
      return {
        ok: false,
        why: 'Steward does not hold this credential: state when it was revoked or rotated at its source.',
        problem: 'unstated',
      };
    if (statedEndedAt.getTime() > now.getTime())
      return {
        ok: false,
        why: 'The credential cannot have been revoked in the future: give the time it was revoked or rotated.',
        problem: 'future',
      };
    end = { endedAt: statedEndedAt, endedBy: 'stated' };
  }
  if (found.lastSeen.getTime() > end.endedAt.getTime())
    return {
      ok: false,
      why: `Borrowed use was seen at ${found.lastSeen.toISOString()}, after the credential ended at ${end.endedAt.toISOString()}: something still uses it.`,
      problem: 'used_after',
    };
  return {
    ok: true,
    why: `The credential ended at ${end.endedAt.toISOString()} and no borrowed use is seen after it.`,
    ...end,
  };
}
