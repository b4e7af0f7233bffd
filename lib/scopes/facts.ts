import type { AuditDetails } from '../audit/details';

type ScopeFacts = Omit<AuditDetails['scope.request'], 'riskScore' | 'stateChanging' | 'needsSecurityApproval'>;

export function stringList(json: string | null): string[] {
  if (!json) return [];
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
}

/** What a scope asks for or grants, as its audit events record it. */
export function scopeFacts(scope: {
  nhiId: string;
  task: string;
  actions: string[];
  resources: string[];
  ttlSeconds: number;
  maxUses: number | null;
}): ScopeFacts {
  const { nhiId, task, actions, resources, ttlSeconds, maxUses } = scope;
  return { nhiId, task, actions, resources, ttlSeconds, maxUses };
}
