import type { NormalizedEvent } from '../../ingest/types';
import type { DetectionInventory, InventoryCredential, InventoryPerson } from './types';

/** Who acts in an event, as far as borrowed-credential detection cares. */
export type ResolvedActor =
  | {
      kind: 'person';
      personKey: string;
      /**
       * The person as the log alone names them, whatever the directory knows: credentials keyed by it keep their
       * case when the directory later learns who the person is.
       */
      logKey: string;
      person: InventoryPerson | null;
      email: string | null;
      /** The log's principal kind was not "person": only the person's interactive use can confirm it. */
      needsConfirmation: boolean;
    }
  | { kind: 'agent'; delegated: boolean }
  | { kind: 'machine'; delegatedByPerson: boolean };

/** Credentials that belong to a workload by construction: never a person's. */
const MACHINE_CREDENTIAL_TYPES = new Set(['workload_identity', 'managed_identity', 'client_secret', 'app_token']);

/** Names people give service accounts and bots: svc-backup, deploy-bot, ci_runner, terraform, noreply … */
const SERVICE_LIKE_NAME =
  /^(svc|srv|service|sa|bot|ci|cd|build|deploy|deployer|automation|auto|robot|system|sys|sync|integration|app|api|noreply|no-reply|jenkins|terraform|github-actions|gitlab-ci|runner|monitor|backup|etl|scanner)([-_0-9]|$)|[-_.](svc|bot|service|automation|ci|sync|robot|deploy|deployer|runner|api|integration)$|\[bot\]$/i;

export type InventoryIndex = {
  personByName: Map<string, InventoryPerson>;
  nhiKeys: Set<string>;
  nhiIds: Set<string>;
  credentialByFingerprint: Map<string, InventoryCredential>;
  /** Principal verdicts by source, then external id; filled as events are read. */
  verdicts: Map<string, Map<string, CachedVerdict>>;
};

export function indexInventory(inventory: DetectionInventory): InventoryIndex {
  const personByName = new Map<string, InventoryPerson>();
  for (const person of inventory.people) {
    for (const name of [person.email, ...person.externalIds]) personByName.set(name.toLowerCase(), person);
  }
  const nhiKeys = new Set<string>();
  const nhiIds = new Set<string>();
  for (const nhi of inventory.nhis) {
    nhiKeys.add(`${nhi.system.toLowerCase()}|${nhi.externalId.toLowerCase()}`);
    nhiIds.add(nhi.externalId.toLowerCase());
  }
  const credentialByFingerprint = new Map<string, InventoryCredential>();
  for (const credential of inventory.credentials) credentialByFingerprint.set(credential.fingerprint, credential);
  return { personByName, nhiKeys, nhiIds, credentialByFingerprint, verdicts: new Map() };
}

/**
 * The inventory credential that one of `prints` (an access key id, a token id, a hashed token) names, stored as
 * the print itself, qualified by a source (`github:…`), or as a SHA-256 (`sha256:…`).
 */
export function credentialByPrint(
  byFingerprint: ReadonlyMap<string, InventoryCredential>,
  prints: readonly (string | null)[],
  sources: readonly string[],
): InventoryCredential | null {
  for (const print of prints) {
    if (!print) continue;
    const candidates = [print, ...sources.map((source) => `${source}:${print}`), `sha256:${print}`];
    for (const candidate of candidates) {
      const found = byFingerprint.get(candidate);
      if (found) return found;
    }
  }
  return null;
}

export function inventoryCredentialOf(event: NormalizedEvent, index: InventoryIndex): InventoryCredential | null {
  const credential = event.credential;
  if (!credential) return null;
  return credentialByPrint(index.credentialByFingerprint, [credential.id, credential.hashedToken], [event.source]);
}

/** The last path or colon segment of an identifier: an IAM user's name, an assumed role's session name. */
function tailOf(externalId: string): string {
  const cut = Math.max(externalId.lastIndexOf('/'), externalId.lastIndexOf(':'));
  return cut >= 0 ? externalId.slice(cut + 1) : externalId;
}

function looksLikePersonEmail(value: string | null): value is string {
  return Boolean(value && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) && !/gserviceaccount\.com$/i.test(value));
}

function localPart(value: string): string {
  const at = value.indexOf('@');
  return at > 0 ? value.slice(0, at) : value;
}

function matchPerson(event: NormalizedEvent, index: InventoryIndex): InventoryPerson | null {
  const principal = event.principal;
  const candidates = [principal.email, principal.externalId, tailOf(principal.externalId), sourceIdentityOf(event)];
  for (const candidate of candidates) {
    const person = candidate ? index.personByName.get(candidate.toLowerCase()) : undefined;
    if (person) return person;
  }
  return null;
}

function isKnownNhi(event: NormalizedEvent, index: InventoryIndex): boolean {
  const id = event.principal.externalId.toLowerCase();
  return index.nhiKeys.has(`${event.source.toLowerCase()}|${id}`) || index.nhiIds.has(id);
}

function isDeclaredAgent(event: NormalizedEvent): boolean {
  return event.principal.declaredAgent || event.delegation?.kind === 'agent_session';
}

function machineActor(event: NormalizedEvent): ResolvedActor {
  const delegation = event.delegation;
  if (!delegation) return MACHINE_ALONE;
  const delegatedByPerson =
    (delegation.kind === 'impersonation' || delegation.kind === 'on_behalf_of') &&
    delegation.chain.some((link) => looksLikePersonEmail(link) || !SERVICE_LIKE_NAME.test(localPart(tailOf(link))));
  return { kind: 'machine', delegatedByPerson };
}

/** Decides whether the actor is a person using a credential of their own, an agent, or a machine. */
type PersonActor = Extract<ResolvedActor, { kind: 'person' }>;
type PrincipalVerdict = PersonActor | { kind: 'machine' };
type CachedVerdict = { kind: string; email: string | null; verdict: PrincipalVerdict };

const MACHINE_VERDICT: PrincipalVerdict = { kind: 'machine' };
const AGENT_DELEGATED: ResolvedActor = { kind: 'agent', delegated: true };
const AGENT_AUTONOMOUS: ResolvedActor = { kind: 'agent', delegated: false };
const MACHINE_ALONE: ResolvedActor = { kind: 'machine', delegatedByPerson: false };

/** Decides whether the actor is a person using a credential of their own, an agent, or a machine. */
export function resolveActor(event: NormalizedEvent, index: InventoryIndex): ResolvedActor {
  if (isDeclaredAgent(event)) return (event.delegation?.chain.length ?? 0) > 0 ? AGENT_DELEGATED : AGENT_AUTONOMOUS;
  if (index.credentialByFingerprint.size > 0) {
    const declared = inventoryCredentialOf(event, index);
    if (declared?.subjectNhiId) return declared.kind === 'TASK_TOKEN' ? AGENT_DELEGATED : AGENT_AUTONOMOUS;
  }
  if (event.credential && MACHINE_CREDENTIAL_TYPES.has(event.credential.type)) return machineActor(event);
  const verdict = principalVerdict(event, index);
  return verdict.kind === 'machine' ? machineActor(event) : verdict;
}

/** What the principal is, remembered per principal: logs repeat the same few thousand principals. */
function principalVerdict(event: NormalizedEvent, index: InventoryIndex): PrincipalVerdict {
  const { principal } = event;
  let bySource = index.verdicts.get(event.source);
  if (!bySource) index.verdicts.set(event.source, (bySource = new Map()));
  const cached = bySource.get(principal.externalId);
  const kind = event.delegation?.kind === 'api_token_of_user' ? `${principal.kind}+token` : principal.kind;
  if (cached && cached.kind === kind && cached.email === principal.email) return cached.verdict;
  const verdict = judgePrincipal(event, index);
  bySource.set(principal.externalId, { kind, email: principal.email, verdict });
  return verdict;
}

function judgePrincipal(event: NormalizedEvent, index: InventoryIndex): PrincipalVerdict {
  const principal = event.principal;
  const personsToken = event.delegation?.kind === 'api_token_of_user';
  if ((principal.kind === 'machine' && !personsToken) || isKnownNhi(event, index)) return MACHINE_VERDICT;
  const person = matchPerson(event, index);
  if (person) return personActor(event, person, false);
  const name = localPart(principal.email ?? sourceIdentityOf(event) ?? tailOf(principal.externalId));
  if (SERVICE_LIKE_NAME.test(name)) return MACHINE_VERDICT;
  if (principal.kind === 'person' || personsToken) return personActor(event, null, false);
  const tail = tailOf(principal.externalId);
  const personLike =
    looksLikePersonEmail(principal.email) ||
    looksLikePersonEmail(tail) ||
    IDENTITY_CENTER_SESSION.test(principal.externalId) ||
    (principal.sourceType === 'IAMUser' && GIVEN_AND_FAMILY_NAME.test(tail));
  return personActor(event, null, !personLike);
}

/** A session of an IAM Identity Center permission set: AWS creates these roles only for the workforce's people. */
const IDENTITY_CENTER_SESSION = /:assumed-role\/AWSReservedSSO_[^/]+\/[^/]+$/;
/** `jane.doe`: how organisations name the IAM users they give people; services get hyphens and job names. */
const GIVEN_AND_FAMILY_NAME = /^[a-z][a-z']*\.[a-z][a-z'-]+$/i;

/**
 * The source identity an AWS role session carries: set by the person (or their identity provider) when the role was
 * assumed, it stays the same across every session of theirs, while the session name and key change each time.
 */
function sourceIdentityOf(event: NormalizedEvent): string | null {
  const delegation = event.delegation;
  if (event.source !== 'aws' || delegation?.kind !== 'assume_role') return null;
  const first = delegation.chain[0];
  return first && !first.startsWith('arn:') ? first : null;
}

/**
 * One key per person however many principals the logs give them: the directory's person, else their email (a role
 * session named for them, a source identity, a UPN), else the role session's source identity, else the principal.
 */
function personActor(event: NormalizedEvent, person: InventoryPerson | null, needsConfirmation: boolean): PersonActor {
  const principal = event.principal;
  const tail = tailOf(principal.externalId);
  const logEmail = (principal.email ?? (looksLikePersonEmail(tail) ? tail : null))?.toLowerCase() ?? null;
  const email = person?.email.toLowerCase() ?? logEmail;
  const sourceIdentity = sourceIdentityOf(event);
  const logKey = logEmail
    ? `email:${logEmail}`
    : sourceIdentity
      ? `${event.source}:source-identity:${sourceIdentity.toLowerCase()}`
      : `${event.source}:${principal.externalId}`;
  const personKey = person ? `person:${person.id}` : email ? `email:${email}` : logKey;
  return { kind: 'person', personKey, logKey, person, email, needsConfirmation };
}
