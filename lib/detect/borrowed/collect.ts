import type { NormalizedEvent } from '../../ingest/types';
import { appKindOf, type ClientInfo } from './clients';
import { type InventoryIndex, inventoryCredentialOf, resolveActor, type ResolvedActor } from './identity';
import { networkPrefixes, type Prefixes } from './network';
import type { InventoryCredential, InventoryPerson } from './types';

/** A person's own interactive activity: what "normal for them" is learned from. */
export type PersonBaseline = {
  personKey: string;
  person: InventoryPerson | null;
  emails: Set<string>;
  labels: Set<string>;
  externalIds: Set<string>;
  interactive: number[];
  sites: Set<string>;
  regions: Set<string>;
  mfaTimes: number[];
  browserSessions: Set<string>;
};

/** The non-interactive uses of one credential of one person. */
export type CredentialGroup = {
  key: string;
  personKey: string;
  needsConfirmation: boolean;
  indexes: number[];
  declared: InventoryCredential | null;
};

export type EventView = {
  events: readonly NormalizedEvent[];
  times: Float64Array;
  clientOf: (index: number) => ClientInfo;
  prefixesOf: (index: number) => Prefixes | null;
};

/** Credentials a person keeps for a long time and that name themselves: a key, a token. */
const PERSONAL_KEY_TYPES = new Set(['long_lived_access_key', 'api_token', 'personal_access_token']);
/** Tokens whose id may change on every refresh: the application they were issued to is steadier. */
const REFRESHED_TOKEN_TYPES = new Set(['oauth_token', 'certificate']);

/**
 * Which credential an event used. A key or token that names itself is itself; a token issued to an application is
 * the person's grant to that application; anything else is the person's use through one client.
 */
export function credentialKeyOf(event: NormalizedEvent, logKey: string, client: ClientInfo): string {
  const credential = event.credential;
  if (credential?.id && PERSONAL_KEY_TYPES.has(credential.type))
    return `${event.source}|${credential.type}|${credential.id}`;
  if (credential?.appId) return `${event.source}|${logKey}|app|${credential.appId}`;
  if (credential?.id && REFRESHED_TOKEN_TYPES.has(credential.type))
    return `${event.source}|${credential.type}|${credential.id}`;
  if (credential?.hashedToken) return `${event.source}|token|${credential.hashedToken}`;
  return `${event.source}|${logKey}|client|${client.family}`;
}

/**
 * Sign-in protocols (Entra's clientAppUsed) that only programs speak: a scanner or a script sending mail with a
 * person's password over SMTP, Exchange Web Services or reporting endpoints, a PowerShell session left running. Mail
 * apps on phones use ActiveSync, IMAP or POP and stay a person's.
 */
const PROGRAM_PROTOCOLS =
  /^(authenticated smtp|exchange web services|reporting web services|exchange online powershell)$/i;

/**
 * The client an event came from. The OAuth application outranks the user agent for a person's own Microsoft apps
 * and tools: Azure CLI signs in through python-requests, yet it is a person's command-line tool. An agent's user
 * agent outranks everything.
 */
export function effectiveClient(event: NormalizedEvent, client: ClientInfo): ClientInfo {
  const protocol = event.client.app ?? null;
  if (protocol && client.clientClass !== 'agent' && PROGRAM_PROTOCOLS.test(protocol))
    return { family: protocol.toLowerCase().replace(/\s+/g, '-'), clientClass: 'sdk' };
  const credential = event.credential;
  if (!credential?.appId && !credential?.appName) return client;
  if (client.clientClass === 'agent' || client.clientClass === 'browser') return client;
  const { kind, byId } = appKindOf(credential.appId, credential.appName);
  // Microsoft's apps do not call through a programming library; a namesake that does is a tenant's own program.
  if (kind === 'person_app' && client.clientClass === 'sdk' && !byId) return client;
  if (kind === 'person_app') return { family: client.family, clientClass: 'human_app' };
  if (kind === 'person_cli') return { family: client.family, clientClass: 'cli' };
  return client;
}

type Placement = 'interactive' | 'automation' | 'ignored';

/** Browsers and a person's apps in front of a person are their baseline; programs are what detection weighs. */
export function placementOf(event: NormalizedEvent, client: ClientInfo): Placement {
  switch (client.clientClass) {
    case 'agent':
    case 'sdk':
      return 'automation';
    case 'browser':
    case 'human_app':
      return event.interactive === false ? 'ignored' : 'interactive';
    case 'service':
      return 'ignored';
    default:
      return event.interactive === true ? 'interactive' : 'automation';
  }
}

function newBaseline(personKey: string, actor: Extract<ResolvedActor, { kind: 'person' }>): PersonBaseline {
  return {
    personKey,
    person: actor.person,
    emails: new Set(),
    labels: new Set(),
    externalIds: new Set(),
    interactive: [],
    sites: new Set(),
    regions: new Set(),
    mfaTimes: [],
    browserSessions: new Set(),
  };
}

function recordInteractive(baseline: PersonBaseline, view: EventView, index: number): void {
  const event = view.events[index];
  baseline.interactive.push(index);
  const prefixes = view.prefixesOf(index);
  if (prefixes) {
    baseline.sites.add(prefixes.site);
    baseline.regions.add(prefixes.region);
  }
  if (event.credential?.mfa === true) baseline.mfaTimes.push(view.times[index]);
  const session = event.credential?.sessionId;
  if (session && view.clientOf(index).clientClass === 'browser') baseline.browserSessions.add(session);
}

export type Collected = { baselines: Map<string, PersonBaseline>; groups: Map<string, CredentialGroup> };

/** One pass over the events: a baseline per person and the programmatic uses per credential. */
export function collect(view: EventView, index: InventoryIndex): Collected {
  const baselines = new Map<string, PersonBaseline>();
  const groups = new Map<string, CredentialGroup>();
  const { events } = view;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const actor = resolveActor(event, index);
    if (actor.kind !== 'person') continue;
    let baseline = baselines.get(actor.personKey);
    if (!baseline) baselines.set(actor.personKey, (baseline = newBaseline(actor.personKey, actor)));
    baseline.externalIds.add(event.principal.externalId);
    if (actor.email) baseline.emails.add(actor.email);
    if (event.principal.displayName) baseline.labels.add(event.principal.displayName);
    const client = view.clientOf(i);
    const placement = placementOf(event, client);
    if (placement === 'interactive') recordInteractive(baseline, view, i);
    if (placement !== 'automation') continue;
    const key = credentialKeyOf(event, actor.logKey, client);
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        personKey: actor.personKey,
        needsConfirmation: actor.needsConfirmation,
        indexes: [],
        declared: null,
      };
      groups.set(key, group);
    }
    group.needsConfirmation &&= actor.needsConfirmation;
    group.declared ??= declaredBorrowed(event, index);
    group.indexes.push(i);
  }
  return { baselines: mergeByEmail(baselines), groups };
}

/** One baseline per person across sources: principals that carry the same email are the same person. */
function mergeByEmail(baselines: Map<string, PersonBaseline>): Map<string, PersonBaseline> {
  const merged = new Map<string, PersonBaseline>();
  const resolved = new Map<string, PersonBaseline>();
  for (const [key, baseline] of baselines) {
    const email = [...baseline.emails].sort()[0];
    const canonical = key.startsWith('person:') || !email ? key : `email:${email}`;
    const target = merged.get(canonical);
    if (!target) merged.set(canonical, baseline);
    else absorb(target, baseline);
    resolved.set(key, merged.get(canonical)!);
  }
  return resolved;
}

function absorb(target: PersonBaseline, other: PersonBaseline): void {
  target.person ??= other.person;
  for (const name of ['emails', 'labels', 'externalIds', 'sites', 'regions', 'browserSessions'] as const)
    other[name].forEach((value) => target[name].add(value));
  target.interactive.push(...other.interactive);
  target.mfaTimes.push(...other.mfaTimes);
}

function declaredBorrowed(event: NormalizedEvent, index: InventoryIndex): InventoryCredential | null {
  const credential = inventoryCredentialOf(event, index);
  return credential && credential.holderNhiId && !credential.subjectNhiId ? credential : null;
}

export function makeEventView(
  events: readonly NormalizedEvent[],
  classify: (ua: string | null) => ClientInfo,
): EventView {
  const times = new Float64Array(events.length);
  for (let i = 0; i < events.length; i++) times[i] = events[i].occurredAt.getTime();
  const prefixCache = new Map<string, Prefixes | null>();
  return {
    events,
    times,
    clientOf: (i) => effectiveClient(events[i], classify(events[i].client.userAgent)),
    prefixesOf: (i) => {
      const ip = events[i].client.ip;
      if (!ip) return null;
      let prefixes = prefixCache.get(ip);
      if (prefixes === undefined) prefixCache.set(ip, (prefixes = networkPrefixes(ip)));
      return prefixes;
    },
  };
}

/** Orders event indexes by time, then by source and id, so that input order never matters. */
export function byTime(view: EventView): (a: number, b: number) => number {
  const { times, events } = view;
  return (a, b) => {
    const delta = times[a] - times[b];
    if (delta !== 0) return delta;
    const left = events[a];
    const right = events[b];
    if (left.source !== right.source) return left.source < right.source ? -1 : 1;
    if (left.sourceEventId !== right.sourceEventId) return left.sourceEventId < right.sourceEventId ? -1 : 1;
    return a - b;
  };
}
