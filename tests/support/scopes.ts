import { randomUUID } from 'node:crypto';
import { generateApiKey } from '../../lib/auth/api-keys';
import type { KeyActor } from '../../lib/auth/actor';
import { getDb } from '../../lib/db';
import type { HumanActor } from '../../lib/auth/actor';
import { approveScope } from '../../lib/scopes/approvals';
import { fetchTaskToken, requestScope } from '../../lib/scopes/agent';
import { createPerson } from './people';

/** An AI agent with a sponsor and its own agent key, as an admin would set it up. */
export async function createAgent(options: { sponsor?: HumanActor; name?: string } = {}) {
  const sponsor = options.sponsor ?? (await createPerson('SPONSOR'));
  const db = await getDb();
  const name = options.name ?? `agent-${randomUUID().slice(0, 8)}`;
  const nhi = await db.nhi.create({
    data: { name, kind: 'AI_AGENT', system: 'internal', externalId: name, sponsorId: sponsor.humanId },
  });
  const { secret, prefix, keyHash } = generateApiKey('AGENT');
  const key = await db.apiKey.create({ data: { kind: 'AGENT', name, prefix, keyHash, nhiId: nhi.id } });
  const actor: KeyActor = { kind: 'key', keyId: key.id, keyKind: 'AGENT', keyName: name, nhiId: nhi.id };
  return { nhi, sponsor, agentKey: secret, actor };
}

export type ScopeAsk = {
  task?: string;
  justification?: string;
  actions?: string[];
  resources?: string[];
  ttlSeconds?: number;
  maxUses?: number | null;
};

export function scopeAsk(initiator: string, ask: ScopeAsk = {}) {
  return {
    task: 'Review PR #7',
    justification: 'The author asked for a review.',
    actions: ['github:pulls.read'],
    resources: ['github:acme/payments/*'],
    ttlSeconds: 1800,
    ...ask,
    initiator,
  };
}

/** An agent with an approved scope and its task token, through the same use cases the API serves. */
export async function approvedScope(ask: ScopeAsk = {}) {
  const agent = await createAgent();
  const initiator = await createPerson('AUDITOR');
  const { id } = await requestScope(agent.actor, scopeAsk(initiator.email, ask));
  await approveScope(agent.sponsor, { scopeId: id });
  const { token } = await fetchTaskToken(agent.actor, { id });
  return { ...agent, initiator, scopeId: id, token };
}
