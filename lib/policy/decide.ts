import type { CredentialStatus, HumanStatus, NhiStatus, ScopeStatus } from '../db/generated/sqlite/enums';

/**
 * The runtime decision: may this task token do this action on this resource now? Pure and deny by default:
 * every check must pass for an allow, and the first failing one names the reason.
 */

export type DenyReason =
  | 'TOKEN_UNKNOWN'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_REVOKED'
  | 'SCOPE_NOT_ACTIVE'
  | 'ACTION_NOT_IN_SCOPE'
  | 'RESOURCE_NOT_IN_SCOPE'
  | 'IDENTITY_SUSPENDED'
  | 'SPONSOR_INACTIVE'
  | 'INITIATOR_INACTIVE'
  | 'SCOPE_EXHAUSTED'
  | 'ERROR';

export type DecisionReason = 'ALLOWED' | DenyReason;

export type Decision = { decision: 'allow'; reason: 'ALLOWED' } | { decision: 'deny'; reason: DenyReason };

export type TokenFacts = {
  expiresAt: Date;
  credentialStatus: CredentialStatus;
  scope: {
    status: ScopeStatus;
    expiresAt: Date | null;
    actions: string[];
    resources: string[];
    maxUses: number | null;
    useCount: number;
    /** The person who asked for the task; null for an agent acting on its own (no human initiator). */
    initiatorStatus: HumanStatus | null;
  };
  nhi: { status: NhiStatus; sponsorStatus: HumanStatus | null };
};

export type DecisionRequest = { action: string; resource: string };

const deny = (reason: DenyReason): Decision => ({ decision: 'deny', reason });

/** `github:acme/payments/*` matches `github:acme/payments/pulls/7`; `*` alone matches nothing (no blanket grants). */
export function matchesPattern(pattern: string, value: string): boolean {
  if (pattern === '*' || pattern === '') return false;
  if (!pattern.includes('*')) return pattern === value;
  const expression = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${expression}$`).test(value);
}

export function decide(token: TokenFacts | null, request: DecisionRequest, now: Date): Decision {
  if (!token) return deny('TOKEN_UNKNOWN');
  const { scope } = token;
  if (token.credentialStatus === 'REVOKED' || scope.status === 'REVOKED') return deny('TOKEN_REVOKED');
  // A completed (or never approved) scope is over, whatever its token's own expiry says.
  if (scope.status !== 'APPROVED' && scope.status !== 'EXPIRED') return deny('SCOPE_NOT_ACTIVE');
  if (token.expiresAt <= now || token.credentialStatus === 'EXPIRED' || scope.status === 'EXPIRED')
    return deny('TOKEN_EXPIRED');
  if (token.nhi.status !== 'ACTIVE') return deny('IDENTITY_SUSPENDED');
  if (token.nhi.sponsorStatus !== 'ACTIVE') return deny('SPONSOR_INACTIVE');
  if (scope.initiatorStatus !== null && scope.initiatorStatus !== 'ACTIVE') return deny('INITIATOR_INACTIVE');
  if (scope.expiresAt === null || scope.expiresAt <= now) return deny('SCOPE_NOT_ACTIVE');
  if (scope.maxUses !== null && scope.useCount >= scope.maxUses) return deny('SCOPE_EXHAUSTED');
  if (!scope.actions.includes(request.action)) return deny('ACTION_NOT_IN_SCOPE');
  if (!scope.resources.some((pattern) => matchesPattern(pattern, request.resource)))
    return deny('RESOURCE_NOT_IN_SCOPE');
  return { decision: 'allow', reason: 'ALLOWED' };
}
