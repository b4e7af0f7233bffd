import { matchesPattern } from '../policy/decide';

/**
 * The scope policy as pure functions, so that the approval screens, the use cases and the tests agree on which
 * actions change state, how long a scope may last and how risky it is.
 */

export type ScopePolicy = {
  readOnlyTtlCapSeconds: number;
  stateChangingTtlCapSeconds: number;
  /** A state-changing scope whose risk score reaches this needs a second approval by SECURITY. */
  riskThreshold: number;
  /** Per system, the verb patterns that change state; a system not listed follows READ_ONLY_VERB. */
  stateChangingVerbs: Record<string, string[]>;
};

export const DEFAULT_SCOPE_POLICY: ScopePolicy = {
  readOnlyTtlCapSeconds: 8 * 3600,
  stateChangingTtlCapSeconds: 3600,
  riskThreshold: 60,
  stateChangingVerbs: {},
};

/** A verb whose last part reads, lists or describes: `pulls.read`, `s3.GetObject`, `users.list`. */
const READ_ONLY_VERB = /^(read|list|get|describe|view|search|query|download|head|lookup|fetch|show|watch)/i;

function splitAction(action: string): { system: string; verb: string } {
  const colon = action.indexOf(':');
  return { system: action.slice(0, colon), verb: action.slice(colon + 1) };
}

export function isStateChanging(policy: ScopePolicy, action: string): boolean {
  const { system, verb } = splitAction(action);
  const configured = policy.stateChangingVerbs[system];
  if (configured) return configured.some((pattern) => pattern === verb || matchesPattern(pattern, verb));
  const lastPart = verb.split(/[./]/).pop() ?? verb;
  return !READ_ONLY_VERB.test(lastPart);
}

export function ttlCapSeconds(policy: ScopePolicy, actions: string[]): number {
  return actions.some((action) => isStateChanging(policy, action))
    ? policy.stateChangingTtlCapSeconds
    : policy.readOnlyTtlCapSeconds;
}

export type RiskAssessment = {
  score: number;
  level: 'low' | 'medium' | 'high';
  stateChanging: boolean;
  needsSecurityApproval: boolean;
  factors: string[];
};

type ScopeShape = { actions: string[]; resources: string[]; ttlSeconds: number; maxUses: number | null };

/** `github:acme/*` or `aws:*`: a wildcard one step below the system or the organisation. */
function isBroad(resource: string): boolean {
  const star = resource.indexOf('*');
  if (star < 0) return false;
  const path = resource.slice(resource.indexOf(':') + 1, star);
  return path.split('/').filter(Boolean).length <= 1;
}

const PRODUCTION = /(^|[^a-z])(prod|production)([^a-z]|$)/i;

/** Verbs that touch money, secrets, identities or permissions, or destroy things: a mistake there costs most. */
const PRIVILEGED_VERB =
  /(delete|destroy|terminate|stop|rotate|secret|reset|unlock|grant|add_member|permission|role|policy|iam|refund|payment|merge|deploy|users\.create)/i;

export function assessRisk(policy: ScopePolicy, scope: ScopeShape): RiskAssessment {
  const factors: [string, number][] = [];
  const changing = scope.actions.filter((action) => isStateChanging(policy, action));
  if (changing.length > 0) factors.push([`changes state (${changing.join(', ')})`, 30]);
  if (changing.length > 1) factors.push([`${changing.length} state-changing actions`, 10]);
  const privileged = scope.actions.filter((action) => PRIVILEGED_VERB.test(action.slice(action.indexOf(':') + 1)));
  if (privileged.length > 0)
    factors.push([`touches secrets, money, identities or permissions (${privileged.join(', ')})`, 25]);
  if (scope.resources.some(isBroad)) factors.push(['a broad wildcard resource', 20]);
  if (scope.resources.some((resource) => PRODUCTION.test(resource))) factors.push(['production resources', 15]);
  if (scope.actions.length > 5) factors.push([`${scope.actions.length} actions`, 10]);
  if (scope.resources.length > 3) factors.push([`${scope.resources.length} resource patterns`, 10]);
  if (scope.ttlSeconds > 8 * 3600) factors.push(['lasts more than 8 hours', 20]);
  else if (scope.ttlSeconds > 3600) factors.push(['lasts more than an hour', 10]);
  if (scope.maxUses !== null && scope.maxUses <= 10) factors.push([`limited to ${scope.maxUses} uses`, -10]);
  const score = Math.max(0, Math.min(100, 10 + factors.reduce((sum, [, weight]) => sum + weight, 0)));
  const stateChanging = changing.length > 0;
  return {
    score,
    level: score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low',
    stateChanging,
    needsSecurityApproval: stateChanging && score >= policy.riskThreshold,
    factors: factors.map(([factor]) => factor),
  };
}

/** Whether `approved` asks for no more than `requested`: every approved pattern lies inside a requested one. */
export function isNarrowerOrEqual(requested: string[], approved: string[]): boolean {
  return approved.every((pattern) => requested.some((outer) => outer === pattern || matchesPattern(outer, pattern)));
}
