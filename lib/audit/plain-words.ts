import type { Attribution, CredentialKind, PrincipalType } from '../db/generated/sqlite/enums';

/** Who asked and what acted in one short sentence, for the audit table and its exports. Pure. */

export type PlainPrincipal = {
  type: PrincipalType;
  id: string | null;
  label: string | null;
  name: string | null;
};

export type PlainEvent = {
  attribution: Attribution;
  source: string;
  initiator: PlainPrincipal;
  executor: PlainPrincipal;
  credential: {
    kind: CredentialKind | null;
    subjectType: PrincipalType | null;
    subjectHumanName: string | null;
  } | null;
};

const CREDENTIAL_NOUN: Record<CredentialKind, string> = {
  PASSWORD: 'password',
  SESSION_COOKIE: 'browser session',
  PERSONAL_ACCESS_TOKEN: 'personal access token',
  OAUTH_GRANT: 'OAuth grant',
  API_KEY: 'API key',
  ACCESS_KEY: 'access key',
  CERTIFICATE: 'certificate',
  SSH_KEY: 'SSH key',
  TASK_TOKEN: 'task token',
};

const API_KEY_LABEL = 'api-key:';

/** A principal's name as people know it: the inventory's name, else what the log recorded, else its id. */
export function principalName(principal: PlainPrincipal): string | null {
  const text = principal.name ?? principal.label ?? principal.id;
  if (text === null || text.trim() === '') return null;
  if (principal.type === 'SYSTEM' && text.startsWith(API_KEY_LABEL))
    return `API key “${text.slice(API_KEY_LABEL.length)}”`;
  return text;
}

function sameParty(a: PlainPrincipal, b: PlainPrincipal): boolean {
  if (a.type !== b.type) return false;
  if (a.id || b.id) return a.id === b.id;
  return (a.label ?? '') === (b.label ?? '');
}

/** The system side of Steward's own jobs ("scope-expiry") and of the triggers logs name ("cron"). */
function systemName(principal: PlainPrincipal, source: string): string {
  const name = principalName(principal);
  if (source === 'steward')
    return name && !name.startsWith('API key') ? `Steward (system: ${name})` : (name ?? 'Steward (system)');
  return name ? `${name} (system)` : 'a system trigger';
}

/** How a person's own credential reads after their name: "at a browser", "with their access key". */
function humanMeans(kind: CredentialKind | null, source: string): string {
  if (kind === 'SESSION_COOKIE' || kind === 'PASSWORD')
    return kind === 'PASSWORD' ? ' with their password' : ' at a browser';
  if (kind === 'OAUTH_GRANT') return ' through an OAuth grant';
  if (kind) return ` with their ${CREDENTIAL_NOUN[kind]}`;
  return source === 'steward' ? ' in Steward' : '';
}

/** How an agent's own credential reads: ", with its task token". */
function agentMeans(kind: CredentialKind | null): string {
  return kind ? `, with its ${CREDENTIAL_NOUN[kind]}` : '';
}

function possessive(name: string): string {
  return name.endsWith('s') ? `${name}’` : `${name}’s`;
}

function agentName(executor: PlainPrincipal, fallback: string): string {
  return executor.type === 'HUMAN' ? fallback : (principalName(executor) ?? fallback);
}

export function plainWords(event: PlainEvent): string {
  const { initiator, executor, credential, source } = event;
  const kind = credential?.kind ?? null;
  if (executor.type === 'SYSTEM' && (initiator.type === 'SYSTEM' || sameParty(initiator, executor)))
    return systemName(executor, source);

  switch (event.attribution) {
    case 'HUMAN': {
      const person = principalName(initiator) ?? principalName(executor) ?? 'Someone';
      if (sameParty(initiator, executor) || !principalName(executor)) return `${person}${humanMeans(kind, source)}`;
      return `${person} → ${principalName(executor)}${humanMeans(kind, source)}`;
    }
    case 'AGENT_DELEGATED': {
      const agent = agentName(executor, 'an agent');
      const person = principalName(initiator);
      return person && !sameParty(initiator, executor)
        ? `${person} → ${agent}${agentMeans(kind)}`
        : `${agent} for a task${agentMeans(kind)}`;
    }
    case 'AGENT_AUTONOMOUS': {
      const agent = agentName(executor, 'An agent');
      if (initiator.type === 'NHI' && !sameParty(initiator, executor) && principalName(initiator))
        return `${principalName(initiator)} → ${agent}${agentMeans(kind)}`;
      if (initiator.type === 'SYSTEM' && principalName(initiator))
        return `${agent} on its own, started by ${principalName(initiator)}${agentMeans(kind)}`;
      return `${agent} on its own${agentMeans(kind)}`;
    }
    case 'AGENT_BORROWED': {
      const owner =
        credential?.subjectHumanName ??
        (initiator.type === 'HUMAN' ? principalName(initiator) : null) ??
        (executor.type === 'HUMAN' ? principalName(executor) : null);
      const noun = kind ? CREDENTIAL_NOUN[kind] : 'credential';
      const whose = owner ? `${possessive(owner)} ${noun}` : `A person’s ${noun}`;
      const agent = executor.type === 'HUMAN' ? null : principalName(executor);
      return `${whose}, used by ${agent ?? 'an agent'}`;
    }
    case 'UNKNOWN': {
      const actor = principalName(executor) ?? principalName(initiator);
      return actor ? `${actor}, not attributed` : 'Not attributed';
    }
  }
}
