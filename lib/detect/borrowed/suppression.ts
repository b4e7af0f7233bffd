import type { BorrowedCase, SuppressionRule } from './types';

type CaseFacts = Pick<BorrowedCase, 'credential' | 'human' | 'agents' | 'sources'>;

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

function anyMatches(pattern: string | undefined, values: (string | null)[]): boolean {
  if (pattern === undefined) return true;
  const expression = globToRegExp(pattern);
  return values.some((value) => value !== null && expression.test(value));
}

function ruleMatches(rule: SuppressionRule, facts: CaseFacts): boolean {
  const { credential, human, agents, sources } = facts;
  const patterns = Object.values(rule.match).filter((pattern) => pattern !== undefined);
  if (patterns.length === 0) return false;
  return (
    anyMatches(rule.match.credential, [credential.key, credential.externalId, credential.inventoryId]) &&
    anyMatches(rule.match.human, [human.personId, human.label, human.email, ...human.externalIds]) &&
    anyMatches(
      rule.match.agent,
      agents.flatMap((agent) => [agent.family, agent.label, agent.userAgent]),
    ) &&
    anyMatches(rule.match.source, sources)
  );
}

/** The first unexpired rule that matches the case; a rule with no pattern matches nothing. */
export function suppressionFor(
  facts: CaseFacts,
  rules: readonly SuppressionRule[],
  now: Date,
): BorrowedCase['suppression'] {
  const rule = rules.find((candidate) => candidate.expiresAt > now && ruleMatches(candidate, facts));
  return rule ? { ruleId: rule.id, reason: rule.reason, expiresAt: rule.expiresAt } : null;
}
