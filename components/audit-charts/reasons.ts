import type { DecisionReason } from '@/lib/policy/decide';

/** Why a runtime decision went as it did, in words; a reason recorded by another version shows as recorded. */
const REASON_LABELS: Record<DecisionReason, string> = {
  ALLOWED: 'Allowed',
  TOKEN_UNKNOWN: 'Unknown token',
  TOKEN_EXPIRED: 'Token expired',
  TOKEN_REVOKED: 'Token revoked',
  SCOPE_NOT_ACTIVE: 'Scope not active',
  ACTION_NOT_IN_SCOPE: 'Action outside the scope',
  RESOURCE_NOT_IN_SCOPE: 'Resource outside the scope',
  IDENTITY_SUSPENDED: 'Identity suspended',
  SPONSOR_INACTIVE: 'Sponsor inactive',
  INITIATOR_INACTIVE: 'Initiator inactive',
  SCOPE_EXHAUSTED: 'Scope used up',
  ERROR: 'Error',
};

export function reasonLabel(reason: string): string {
  return REASON_LABELS[reason as DecisionReason] ?? reason;
}
