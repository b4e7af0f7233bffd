import 'server-only';
import type { Principal } from '../audit/append';
import type { Tx } from '../db';
import type { NhiKind } from '../db/generated/sqlite/enums';
import { clientClassifier } from '../detect/borrowed/clients';
import { chunksOf } from '../identities/upsert';
import { nameKey, nhiSearchText } from '../inventory/search-text';
import type { NormalizedEvent, NormalizedPrincipal } from './types';

/**
 * Who the principals of imported events are in Steward: people matched by email or UPN, or by the alias a log
 * source uses for them; machines matched to NHIs by (system, external id), and a machine nobody inventoried
 * becomes a DISCOVERED NHI. Lookups are batched and remembered for the whole import, so an import costs a few
 * queries per new principal, not per event.
 */

type PersonRef = { humanId: string; email: string };

export type MachineIdentity = { system: string; externalId: string; name: string; kind: NhiKind };

export type DiscoveredNhi = MachineIdentity & { id: string; firstSeenAt: Date; lastSeenAt: Date };

type Sighting = { nhiId: string; first: Date; last: Date; discovered: boolean };

/** Actors inside the provider itself: they act for the platform, not for anyone who could own them. */
const PROVIDER_INTERNAL_TYPES = new Set(['AWSService', 'SystemPrincipal']);
const PROVIDER_INTERNAL_ACCOUNT =
  /(@gcp-sa-[a-z0-9-]+\.iam\.gserviceaccount\.com|@system\.gserviceaccount\.com|@cloudservices\.gserviceaccount\.com|@cloudbuild\.gserviceaccount\.com|@container-engine-robot\.iam\.gserviceaccount\.com)$/i;
const AWS_SERVICE_ROLE = /:role\/(aws-service-role|service-role)\//;
const ASSUMED_ROLE = /^arn:(aws[a-z-]*):sts::(\d+):assumed-role\/(.+)\/[^/]+$/;
const WORKLOAD_TYPES = new Set(['ManagedIdentity', 'WorkloadIdentity', 'KubernetesServiceAccount']);
const WORKLOAD_CREDENTIALS = new Set(['workload_identity', 'managed_identity']);
const DELEGATED_BY_PERSON: ReadonlySet<string> = new Set(['agent_session', 'on_behalf_of', 'impersonation']);
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const SERVICE_ACCOUNT_EMAIL = /\.gserviceaccount\.com$/i;

function aliasKey(system: string, externalId: string): string {
  return `${system}\u0000${externalId}`;
}

function isPersonEmail(value: string | null | undefined): value is string {
  return Boolean(value && EMAIL.test(value) && !SERVICE_ACCOUNT_EMAIL.test(value));
}

function isMachinePrincipal(principal: NormalizedPrincipal): boolean {
  return principal.kind === 'machine' || principal.declaredAgent;
}

function kindOf(event: NormalizedEvent): NhiKind {
  const { principal } = event;
  if (principal.declaredAgent || event.delegation?.kind === 'agent_session') return 'AI_AGENT';
  if (clientClassifier()(event.client.userAgent).clientClass === 'agent') return 'AI_AGENT';
  if (principal.sourceType === 'Bot' || /\[bot\]$/i.test(principal.externalId)) return 'BOT';
  if (
    WORKLOAD_TYPES.has(principal.sourceType ?? '') ||
    WORKLOAD_CREDENTIALS.has(event.credential?.type ?? '') ||
    event.delegation?.kind === 'workload_federation'
  )
    return 'WORKLOAD';
  return 'SERVICE_ACCOUNT';
}

/**
 * The NHI a machine principal is, or null for a provider's own actors. An AWS assumed-role session is its role:
 * every instance or job session of one role is the same workload.
 */
export function machineIdentityOf(event: NormalizedEvent): MachineIdentity | null {
  const { principal } = event;
  if (PROVIDER_INTERNAL_TYPES.has(principal.sourceType ?? '')) return null;
  if (PROVIDER_INTERNAL_ACCOUNT.test(principal.email ?? principal.externalId)) return null;
  let externalId = principal.externalId;
  let name = principal.displayName ?? principal.externalId;
  const assumed = ASSUMED_ROLE.exec(externalId);
  if (assumed) {
    externalId = roleArnOf(event, assumed[1], assumed[2], assumed[3]);
    name = assumed[3].split('/').at(-1) ?? assumed[3];
  }
  if (AWS_SERVICE_ROLE.test(externalId)) return null;
  return { system: event.source, externalId, name, kind: kindOf(event) };
}

/**
 * The role of an assumed-role session. The session's ARN drops the role's path (role/ci/deploy becomes
 * assumed-role/deploy), so the issuer's full ARN, when the event carries it, names the role as the inventory does.
 */
function roleArnOf(event: NormalizedEvent, partition: string, account: string, roleName: string): string {
  const issuer = event.delegation?.chain.find(
    (entry) => entry.startsWith(`arn:${partition}:iam::${account}:role/`) && entry.endsWith(`/${roleName}`),
  );
  return issuer ?? `arn:${partition}:iam::${account}:role/${roleName}`;
}

function externalIdsBySystem(items: readonly { system: string; externalId: string }[]): Map<string, string[]> {
  const bySystem = new Map<string, string[]>();
  for (const { system, externalId } of items) {
    const ids = bySystem.get(system);
    if (ids) ids.push(externalId);
    else bySystem.set(system, [externalId]);
  }
  return bySystem;
}

function minDate(a: Date, b: Date): Date {
  return a < b ? a : b;
}

function maxDate(a: Date, b: Date): Date {
  return a > b ? a : b;
}

export class PrincipalResolver {
  private readonly personByEmail = new Map<string, PersonRef | null>();
  private readonly personByAlias = new Map<string, PersonRef | null>();
  private readonly nhiByKey = new Map<string, string | null>();
  private readonly sightings = new Map<string, Sighting>();
  /** Principals already prepared, so each batch looks at every principal once however many events it has. */
  private readonly prepared = new Set<string>();
  private readonly identities = new Map<string, MachineIdentity | null>();
  readonly discovered: DiscoveredNhi[] = [];
  aliasesLearned = 0;

  constructor(private readonly tx: Tx) {}

  /** Looks up everyone a batch names that this import has not met yet, learns aliases and discovers NHIs. */
  async prepare(batch: readonly NormalizedEvent[]): Promise<void> {
    const events = batch.filter((event) => {
      const { principal } = event;
      const key = [
        event.source,
        principal.kind,
        principal.externalId,
        principal.email,
        event.delegation?.chain[0],
      ].join('\u0000');
      if (this.prepared.has(key)) return false;
      this.prepared.add(key);
      return true;
    });
    if (events.length === 0) return;
    const emails = new Set<string>();
    const aliases = new Map<string, { system: string; externalId: string }>();
    const machines = new Map<string, MachineIdentity>();
    for (const event of events) {
      const { principal } = event;
      if (isMachinePrincipal(principal)) {
        const identity = this.identityOf(event);
        if (identity) machines.set(aliasKey(identity.system, identity.externalId), identity);
        for (const link of event.delegation?.chain ?? []) this.notePerson(event.source, link, emails, aliases);
        continue;
      }
      if (principal.kind === 'unknown') {
        const identity = this.identityOf(event);
        if (identity) machines.set(aliasKey(identity.system, identity.externalId), identity);
      }
      if (principal.email) emails.add(principal.email.toLowerCase());
      this.notePerson(event.source, principal.externalId, emails, aliases);
    }
    await this.lookUpPeople([...emails].filter((email) => !this.personByEmail.has(email)));
    await this.lookUpAliases([...aliases].filter(([key]) => !this.personByAlias.has(key)).map(([, alias]) => alias));
    await this.lookUpNhis([...machines].filter(([key]) => !this.nhiByKey.has(key)).map(([, identity]) => identity));
    await this.learnAliases(events);
    await this.discover(events);
  }

  private notePerson(
    system: string,
    name: string,
    emails: Set<string>,
    aliases: Map<string, { system: string; externalId: string }>,
  ): void {
    if (isPersonEmail(name)) emails.add(name.toLowerCase());
    aliases.set(aliasKey(system, name), { system, externalId: name });
  }

  /** machineIdentityOf, remembered per principal: an import repeats the same principals many times. */
  private identityOf(event: NormalizedEvent): MachineIdentity | null {
    const key = `${event.source}\u0000${event.principal.sourceType}\u0000${event.principal.externalId}`;
    let identity = this.identities.get(key);
    if (identity === undefined) {
      identity = machineIdentityOf(event);
      this.identities.set(key, identity);
    }
    return identity;
  }

  private async lookUpPeople(emails: string[]): Promise<void> {
    for (const chunk of chunksOf(emails)) {
      for (const email of chunk) this.personByEmail.set(email, null);
      const found = await this.tx.human.findMany({
        where: { email: { in: chunk } },
        select: { id: true, email: true },
      });
      for (const human of found)
        this.personByEmail.set(human.email.toLowerCase(), { humanId: human.id, email: human.email });
    }
  }

  private async lookUpAliases(aliases: { system: string; externalId: string }[]): Promise<void> {
    for (const alias of aliases) this.personByAlias.set(aliasKey(alias.system, alias.externalId), null);
    for (const [system, externalIds] of externalIdsBySystem(aliases)) {
      for (const chunk of chunksOf(externalIds)) {
        const found = await this.tx.personAlias.findMany({
          where: { system, externalId: { in: chunk } },
          select: { externalId: true, human: { select: { id: true, email: true } } },
        });
        for (const alias of found)
          this.personByAlias.set(aliasKey(system, alias.externalId), {
            humanId: alias.human.id,
            email: alias.human.email,
          });
      }
    }
  }

  private async lookUpNhis(identities: MachineIdentity[]): Promise<void> {
    for (const identity of identities) this.nhiByKey.set(aliasKey(identity.system, identity.externalId), null);
    for (const [system, externalIds] of externalIdsBySystem(identities)) {
      for (const chunk of chunksOf(externalIds)) {
        const found = await this.tx.nhi.findMany({
          where: { system, externalId: { in: chunk } },
          select: { id: true, externalId: true },
        });
        for (const nhi of found) this.nhiByKey.set(aliasKey(system, nhi.externalId), nhi.id);
      }
    }
  }

  /** An event that names a known person's email beside another id teaches Steward that id for the source. */
  private async learnAliases(events: readonly NormalizedEvent[]): Promise<void> {
    const learned = new Map<string, { system: string; externalId: string; humanId: string; firstSeenAt: Date }>();
    for (const event of events) {
      const { principal } = event;
      if (isMachinePrincipal(principal) || !principal.email) continue;
      const person = this.personByEmail.get(principal.email.toLowerCase());
      if (!person || principal.externalId.toLowerCase() === principal.email.toLowerCase()) continue;
      const key = aliasKey(event.source, principal.externalId);
      if (this.personByAlias.get(key)) continue;
      const seen = learned.get(key);
      if (seen) seen.firstSeenAt = minDate(seen.firstSeenAt, event.occurredAt);
      else
        learned.set(key, {
          system: event.source,
          externalId: principal.externalId,
          humanId: person.humanId,
          firstSeenAt: event.occurredAt,
        });
      this.personByAlias.set(key, person);
    }
    if (learned.size === 0) return;
    for (const chunk of chunksOf([...learned.values()])) await this.tx.personAlias.createMany({ data: chunk });
    this.aliasesLearned += learned.size;
  }

  /** Machines no one inventoried become DISCOVERED NHIs, for triage. */
  private async discover(events: readonly NormalizedEvent[]): Promise<void> {
    const fresh = new Map<string, MachineIdentity & { firstSeenAt: Date; lastSeenAt: Date }>();
    for (const event of events) {
      if (!isMachinePrincipal(event.principal)) continue;
      const identity = this.identityOf(event);
      if (!identity) continue;
      const key = aliasKey(identity.system, identity.externalId);
      if (this.nhiByKey.get(key)) continue;
      const seen = fresh.get(key);
      if (seen) {
        seen.firstSeenAt = minDate(seen.firstSeenAt, event.occurredAt);
        seen.lastSeenAt = maxDate(seen.lastSeenAt, event.occurredAt);
      } else fresh.set(key, { ...identity, firstSeenAt: event.occurredAt, lastSeenAt: event.occurredAt });
    }
    for (const identity of fresh.values()) {
      const nhi = await this.tx.nhi.create({
        data: {
          system: identity.system,
          externalId: identity.externalId,
          name: identity.name,
          kind: identity.kind,
          status: 'DISCOVERED',
          discoveredAt: identity.firstSeenAt,
          lastSeenAt: identity.lastSeenAt,
          searchText: nhiSearchText(identity),
          nameKey: nameKey(identity.name),
        },
        select: { id: true },
      });
      const key = aliasKey(identity.system, identity.externalId);
      this.nhiByKey.set(key, nhi.id);
      this.sightings.set(key, {
        nhiId: nhi.id,
        first: identity.firstSeenAt,
        last: identity.lastSeenAt,
        discovered: true,
      });
      this.discovered.push({ ...identity, id: nhi.id });
    }
  }

  private person(system: string, name: string | null): PersonRef | null {
    if (!name) return null;
    return this.personByEmail.get(name.toLowerCase()) ?? this.personByAlias.get(aliasKey(system, name)) ?? null;
  }

  private personPrincipal(principal: NormalizedPrincipal, person: PersonRef | null): Principal {
    return {
      type: 'HUMAN',
      id: person?.humanId ?? null,
      label: person?.email ?? principal.email ?? principal.displayName ?? principal.externalId,
    };
  }

  private noteSighting(key: string, nhiId: string, at: Date): void {
    const sighting = this.sightings.get(key);
    if (!sighting) this.sightings.set(key, { nhiId, first: at, last: at, discovered: false });
    else {
      sighting.first = minDate(sighting.first, at);
      sighting.last = maxDate(sighting.last, at);
    }
  }

  /** The inventoried NHI an event's principal is, noting when it was seen, or null. */
  private knownNhi(event: NormalizedEvent, label: string): Principal | null {
    const identity = this.identityOf(event);
    if (!identity) return null;
    const key = aliasKey(identity.system, identity.externalId);
    const nhiId = this.nhiByKey.get(key);
    if (!nhiId) return null;
    this.noteSighting(key, nhiId, event.occurredAt);
    return { type: 'NHI', id: nhiId, label };
  }

  /** The person a delegated machine acts for: the first link of an agent session, an on-behalf-of or impersonation chain. */
  private delegatingPerson(event: NormalizedEvent): Principal | null {
    const { delegation } = event;
    const starter = delegation && DELEGATED_BY_PERSON.has(delegation.kind) ? delegation.chain[0] : undefined;
    if (!starter) return null;
    const person = this.person(event.source, starter);
    if (!person && !isPersonEmail(starter) && delegation?.kind !== 'agent_session') return null;
    return { type: 'HUMAN', id: person?.humanId ?? null, label: person?.email ?? starter };
  }

  /** The initiator and executor of an event: a delegated machine acts for the person who started it. */
  principalsOf(event: NormalizedEvent): { initiator: Principal; executor: Principal } {
    const { principal } = event;
    const label = principal.displayName ?? principal.externalId;
    if (isMachinePrincipal(principal)) {
      // A provider's own service, or a machine this import could not record, is still a machine.
      const executor = this.knownNhi(event, label) ?? { type: 'NHI', id: null, label };
      return { initiator: this.delegatingPerson(event) ?? executor, executor };
    }
    const known = this.person(event.source, principal.email) ?? this.person(event.source, principal.externalId);
    if (principal.kind === 'unknown' && !known) {
      const executor = this.knownNhi(event, label) ?? {
        type: 'UNKNOWN',
        id: null,
        label: principal.email ?? label,
      };
      return { initiator: executor, executor };
    }
    const executor = this.personPrincipal(principal, known);
    return { initiator: executor, executor };
  }

  /** Moves each NHI's last-seen time forward (and a newly discovered one's first-seen back) to what the import saw. */
  async recordSightings(): Promise<void> {
    const discovered = new Map(this.discovered.map((nhi) => [nhi.id, nhi]));
    const known = [...this.sightings.values()].filter((sighting) => !sighting.discovered);
    for (const chunk of chunksOf(known)) {
      const rows = await this.tx.nhi.findMany({
        where: { id: { in: chunk.map((sighting) => sighting.nhiId) } },
        select: { id: true, lastSeenAt: true },
      });
      const lastSeen = new Map(rows.map((row) => [row.id, row.lastSeenAt]));
      for (const sighting of chunk) {
        if (!lastSeen.has(sighting.nhiId)) continue;
        const stored = lastSeen.get(sighting.nhiId);
        if (stored && stored >= sighting.last) continue;
        await this.tx.nhi.update({ where: { id: sighting.nhiId }, data: { lastSeenAt: sighting.last } });
      }
    }
    for (const sighting of this.sightings.values()) {
      const nhi = sighting.discovered ? discovered.get(sighting.nhiId) : undefined;
      if (!nhi || (sighting.first >= nhi.firstSeenAt && sighting.last <= nhi.lastSeenAt)) continue;
      nhi.firstSeenAt = minDate(nhi.firstSeenAt, sighting.first);
      nhi.lastSeenAt = maxDate(nhi.lastSeenAt, sighting.last);
      await this.tx.nhi.update({
        where: { id: nhi.id },
        data: { discoveredAt: nhi.firstSeenAt, lastSeenAt: nhi.lastSeenAt },
      });
    }
  }
}
