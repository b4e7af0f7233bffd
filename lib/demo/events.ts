import { createHash } from 'node:crypto';
import type { AuditEventInput, Principal } from '../audit/append';
import { AUDIT_ACTIONS, STEWARD_SOURCE } from '../audit/actions';
import type { Credential } from '../db/generated/sqlite/client';
import type { Attribution, AuditOutcome, NhiKind } from '../db/generated/sqlite/enums';
import { SERVICES, type DepartmentName, type Domain, type Environment } from './catalog';
import { AUDIT_WINDOW_DAYS } from './credentials';
import type { Identity } from './identities';
import type { Person } from './people';
import { DAY_MS, HOUR_MS, Random, WeightedPicker, apportion } from './random';
import type { ScopeWindow } from './scopes';
import {
  NATIVE_SOURCES,
  STEWARD_DEMO_ACTIONS,
  environmentOfResource,
  eventDetails,
  humanCredentialKind,
  machineCredentialKind,
  nativeAction,
  sourceEventId,
  sourceOfSystem,
  unknownPrincipal,
  type DetailStyle,
  type EventSource,
  type ResourceContext,
} from './sources';
import { OUT_OF_SCOPE_ACTIONS, SCOPE_ACTION_EVENTS } from './tasks';
import type { World } from './world';

/** The share of each attribution in the generated trail (percent). */
export const ATTRIBUTION_MIX: readonly (readonly [Attribution, number])[] = [
  ['HUMAN', 35],
  ['AGENT_DELEGATED', 25],
  ['AGENT_AUTONOMOUS', 25],
  ['AGENT_BORROWED', 8],
  ['UNKNOWN', 7],
];

/** When (epoch ms) each identity, credential and person was last seen in the generated trail. */
export class Usage {
  readonly nhiLastSeen = new Map<string, number>();
  readonly credentialLastUsed = new Map<string, number>();
  readonly humanLastSignIn = new Map<string, number>();

  note(map: Map<string, number>, id: string, at: Date): void {
    const time = at.getTime();
    const previous = map.get(id);
    if (previous === undefined || previous < time) map.set(id, time);
  }
}

export type EventStreamOptions = { total: number; batchSize: number; usage?: Usage };

/** Relative activity by UTC hour on a working day (the organisation sits in Europe). */
const WORKDAY = [
  0.03, 0.02, 0.02, 0.02, 0.03, 0.06, 0.15, 0.45, 0.85, 1, 1, 0.95, 0.7, 0.9, 1, 1, 0.9, 0.7, 0.45, 0.3, 0.2, 0.12,
  0.08, 0.05,
];

const isWeekend = (at: Date) => at.getUTCDay() === 0 || at.getUTCDay() === 6;
const humanRhythm = (at: Date) => WORKDAY[at.getUTCHours()] * (isWeekend(at) ? 0.12 : 1);
/** Machines work around the clock, with the nightly batch window at 01:00–03:59 UTC. */
const machineRhythm = (at: Date) => {
  const hour = at.getUTCHours();
  return (0.55 + 0.35 * WORKDAY[hour] + (hour >= 1 && hour <= 3 ? 0.8 : 0)) * (isWeekend(at) ? 0.8 : 1);
};
/** Borrowed-credential use follows people's hours and declines over the quarter as agents move to task scopes. */
const borrowedRhythm = (at: Date, progress: number) => (0.75 * humanRhythm(at) + 0.08) * (1.6 - 1.2 * progress);
const unknownRhythm = (at: Date) => 0.4 + 0.6 * humanRhythm(at);

const OUTCOME_RATES: Readonly<Record<Attribution, readonly [failure: number, denied: number]>> = {
  HUMAN: [0.03, 0.015],
  AGENT_DELEGATED: [0.02, 0],
  AGENT_AUTONOMOUS: [0.025, 0.015],
  AGENT_BORROWED: [0.04, 0.03],
  UNKNOWN: [0.15, 0.12],
};
const AUTHORIZE_SHARE = 0.3;
const AUTHORIZE_DENIAL_RATE = 0.06;
const SHADOW_SHARE_OF_UNKNOWN = 0.35;
const MAX_TRIES = 12;

const DEPARTMENT_DOMAINS: Readonly<Record<DepartmentName, readonly Domain[]>> = {
  Executive: ['revops', 'payments'],
  Platform: ['devprod', 'sre'],
  Payments: ['payments'],
  Data: ['data'],
  'ML Research': ['ml'],
  Security: ['sre', 'it'],
  IT: ['it'],
  'Sales Ops': ['revops'],
  'Customer Support': ['support'],
  Finance: ['payments', 'data'],
  'Risk & Compliance': ['it'],
};

const DEPARTMENT_SOURCES: Readonly<Record<DepartmentName, readonly (readonly [EventSource, number])[]>> = {
  Executive: [
    ['okta', 55],
    ['entra', 45],
  ],
  Platform: [
    ['github', 40],
    ['cloudtrail', 30],
    ['okta', 15],
    ['entra', 10],
    ['gcp', 5],
  ],
  Payments: [
    ['github', 40],
    ['cloudtrail', 25],
    ['okta', 20],
    ['entra', 15],
  ],
  Data: [
    ['gcp', 40],
    ['github', 25],
    ['okta', 20],
    ['entra', 15],
  ],
  'ML Research': [
    ['gcp', 45],
    ['github', 30],
    ['okta', 15],
    ['entra', 10],
  ],
  Security: [
    ['cloudtrail', 25],
    ['okta', 25],
    ['entra', 20],
    ['github', 15],
    ['gcp', 15],
  ],
  IT: [
    ['okta', 45],
    ['entra', 40],
    ['cloudtrail', 15],
  ],
  'Sales Ops': [
    ['okta', 55],
    ['entra', 45],
  ],
  'Customer Support': [
    ['okta', 55],
    ['entra', 45],
  ],
  Finance: [
    ['okta', 50],
    ['entra', 40],
    ['cloudtrail', 10],
  ],
  'Risk & Compliance': [
    ['okta', 50],
    ['entra', 40],
    ['cloudtrail', 10],
  ],
};
const STEWARD_SOURCE_WEIGHT = 6;

const AUTONOMOUS_KIND_WEIGHTS: Readonly<Record<NhiKind, number>> = {
  WORKLOAD: 5,
  SERVICE_ACCOUNT: 3,
  AI_AGENT: 3,
  CI_PIPELINE: 2,
  BOT: 1.5,
  INTEGRATION: 1.5,
};
const HUMAN_ENVIRONMENTS: readonly (readonly [Environment, number])[] = [
  ['production', 60],
  ['staging', 25],
  ['development', 15],
];
const SYSTEM_TRIGGERS = ['scheduler', 'event trigger', 'queue consumer', 'webhook'] as const;

const SERVICES_BY_DOMAIN = new Map<Domain, (typeof SERVICES)[number][]>();
for (const service of SERVICES)
  SERVICES_BY_DOMAIN.set(service.domain, [...(SERVICES_BY_DOMAIN.get(service.domain) ?? []), service]);

type HumanActor = {
  person: Person;
  principal: Principal;
  sources: WeightedPicker<readonly [EventSource, number]>;
  domains: readonly Domain[];
};
type MachineActor = { identity: Identity; principal: Principal; own: Credential[] };
type BorrowedActor = { credential: Credential; holder: Identity; subject: Person };

/** "2026/11": how object stores date their keys. */
const period = (at: Date) => `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
const nhiPrincipal = (identity: Identity): Principal => ({
  type: 'NHI',
  id: identity.row.id,
  label: identity.row.name,
});
const humanPrincipal = (person: Person): Principal => ({ type: 'HUMAN', id: person.row.id, label: person.row.email });

function activeAt(identity: Identity, at: Date): boolean {
  return identity.activeFrom <= at && (!identity.activeUntil || at <= identity.activeUntil);
}

function validAt(credential: Credential, at: Date): boolean {
  const end = credential.revokedAt ?? credential.expiresAt;
  return credential.issuedAt <= at && (!end || at < end);
}

/** Picks until `accept` holds, then falls back to the steady picker, whose items are valid all quarter. */
function pickValid<T>(
  random: Random,
  picker: WeightedPicker<T>,
  steady: WeightedPicker<T>,
  accept: (item: T) => boolean,
): T {
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    const candidate = picker.pick(random);
    if (accept(candidate)) return candidate;
  }
  return steady.pick(random);
}

function humanActor(person: Person): HumanActor {
  const department = person.seat.department;
  const sources: (readonly [EventSource, number])[] = [...DEPARTMENT_SOURCES[department]];
  if (person.row.role) sources.push([STEWARD_SOURCE, STEWARD_SOURCE_WEIGHT]);
  return {
    person,
    principal: humanPrincipal(person),
    sources: new WeightedPicker(sources, ([, weight]) => weight),
    domains: DEPARTMENT_DOMAINS[department],
  };
}

/** Registered identities that act on their own at some point of the window, and those that do all along. */
function machinePickers(
  world: World,
  start: Date,
): { all: WeightedPicker<MachineActor>; steady: WeightedPicker<MachineActor> } {
  const actors = world.identities.all
    .filter(
      (identity) => identity.row.status !== 'DISCOVERED' && (!identity.activeUntil || identity.activeUntil > start),
    )
    .map((identity) => ({
      identity,
      principal: nhiPrincipal(identity),
      own: world.credentials.ownByNhi.get(identity.row.id) ?? [],
    }));
  const weight = ({ identity }: MachineActor) => AUTONOMOUS_KIND_WEIGHTS[identity.row.kind];
  return {
    all: new WeightedPicker(actors, weight),
    steady: new WeightedPicker(
      actors.filter(({ identity }) => identity.activeFrom <= start && !identity.activeUntil),
      weight,
    ),
  };
}

/** Borrowed credentials with their holder and subject; the steady ones are usable all along the window. */
function borrowedPickers(
  world: World,
  start: Date,
): { all: WeightedPicker<BorrowedActor>; steady: WeightedPicker<BorrowedActor> } {
  const identityById = new Map(world.identities.all.map((identity) => [identity.row.id, identity]));
  const personById = new Map(world.people.all.map((person) => [person.row.id, person]));
  const actors = world.credentials.borrowed.map((credential) => ({
    credential,
    holder: identityById.get(credential.holderNhiId!)!,
    subject: personById.get(credential.subjectHumanId!)!,
  }));
  const steady = actors.filter(
    ({ credential, holder }) =>
      credential.status === 'ACTIVE' && validAt(credential, start) && holder.activeFrom <= start && !holder.activeUntil,
  );
  return {
    all: new WeightedPicker(actors, ({ credential }) => (credential.status === 'ACTIVE' ? 3 : 1)),
    steady: new WeightedPicker(steady, () => 1),
  };
}

const uniformly = () => 1;

type Misuse = {
  /** Identities that now and then act in the other environment with the same key (NHI8). */
  environmentMixers: Set<string>;
  /** Identities that now and then use another identity's key (NHI9). */
  sharedCredentials: Map<string, Credential>;
};
const ENVIRONMENT_MIXERS = 18;
const CREDENTIAL_SHARERS = 12;
/** How often a misusing identity misbehaves. */
const MISUSE_SHARE = 0.2;

/** A few cloud identities that misbehave all quarter, so that the trail carries evidence for those findings. */
function chooseMisuse(random: Random, world: World, start: Date): Misuse {
  const steadyCloud = world.identities.all.filter(
    (identity) =>
      identity.row.status === 'ACTIVE' &&
      !identity.activeUntil &&
      identity.activeFrom <= start &&
      (identity.row.system === 'aws' || identity.row.system === 'gcp') &&
      world.credentials.ownByNhi.has(identity.row.id),
  );
  const [mixers, sharers, lenders] = [
    random.sample(steadyCloud, ENVIRONMENT_MIXERS),
    random.sample(steadyCloud, CREDENTIAL_SHARERS),
    random.sample(steadyCloud, CREDENTIAL_SHARERS),
  ];
  const sharedCredentials = new Map<string, Credential>();
  sharers.forEach((sharer, index) => {
    const lender = lenders[index];
    if (lender === sharer || lender.row.system !== sharer.row.system) return;
    const keys = world.credentials.ownByNhi.get(lender.row.id)!;
    sharedCredentials.set(sharer.row.id, keys[keys.length - 1]);
  });
  return { environmentMixers: new Set(mixers.map((identity) => identity.row.id)), sharedCredentials };
}

class EventFactory {
  private readonly humans: WeightedPicker<HumanActor>;
  private readonly machines: ReturnType<typeof machinePickers>;
  private readonly borrowed: ReturnType<typeof borrowedPickers>;
  private readonly orchestrators: WeightedPicker<Identity>;
  private readonly shadows: WeightedPicker<Identity>;
  private readonly misuse: Misuse;

  constructor(
    private readonly random: Random,
    world: World,
    start: Date,
    private readonly usage: Usage,
  ) {
    const activity = (person: Person) => (person.seat.department === 'Executive' ? 0.3 : person.row.role ? 1.3 : 1);
    this.humans = new WeightedPicker(world.people.all.map(humanActor), ({ person }) => activity(person));
    this.machines = machinePickers(world, start);
    this.borrowed = borrowedPickers(world, start);
    const identities = world.identities.all;
    this.orchestrators = new WeightedPicker(
      identities.filter(
        (identity) => identity.row.kind === 'CI_PIPELINE' && identity.row.status === 'ACTIVE' && !identity.activeUntil,
      ),
      uniformly,
    );
    this.shadows = new WeightedPicker(
      identities.filter((identity) => identity.row.status === 'DISCOVERED'),
      uniformly,
    );
    this.misuse = chooseMisuse(random, world, start);
  }

  private outcome(attribution: Attribution): AuditOutcome {
    const [failure, denied] = OUTCOME_RATES[attribution];
    const roll = this.random.next();
    return roll < failure ? 'FAILURE' : roll < failure + denied ? 'DENIED' : 'SUCCESS';
  }

  private humanContext(actor: HumanActor, at: Date): ResourceContext {
    const services = SERVICES_BY_DOMAIN.get(this.random.pick(actor.domains)) ?? SERVICES;
    const service = this.random.pick(services);
    const environment = this.random.weighted(HUMAN_ENVIRONMENTS);
    return {
      service: service.name,
      repo: service.repo,
      environment,
      email: actor.person.row.email,
      period: period(at),
    };
  }

  private identityContext(identity: Identity, at: Date): ResourceContext {
    return {
      service: identity.service,
      repo: identity.repo,
      environment: identity.row.environment as Environment,
      email: null,
      period: period(at),
    };
  }

  /** Cloud logs name the account or project, so they say which environment an event happened in; IdPs and GitHub do not. */
  private nativeEvent(
    source: Exclude<EventSource, typeof STEWARD_SOURCE>,
    occurredAt: Date,
    environment: string,
  ): Pick<AuditEventInput, 'source' | 'sourceEventId' | 'occurredAt' | 'environment'> {
    const named = source === 'cloudtrail' || source === 'gcp';
    return {
      source,
      sourceEventId: sourceEventId(this.random, source),
      occurredAt,
      environment: named ? environment : null,
    };
  }

  human(at: Date): AuditEventInput {
    const actor = pickValid(
      this.random,
      this.humans,
      this.humans,
      ({ person }) => !person.row.offboardedAt || at < person.row.offboardedAt,
    );
    const [source] = actor.sources.pick(this.random);
    if (source === STEWARD_SOURCE) return this.stewardHuman(actor, at);
    const context = this.humanContext(actor, at);
    const { action, resource } = nativeAction(this.random, source, 'human', context);
    const outcome = this.outcome('HUMAN');
    return {
      ...this.nativeEvent(source, at, context.environment),
      action,
      resource,
      outcome,
      attribution: 'HUMAN',
      initiator: actor.principal,
      executor: actor.principal,
      credential: { kind: humanCredentialKind(source, action), subjectType: 'HUMAN' },
      details: eventDetails(this.random, source, 'human', action, outcome),
    };
  }

  private stewardHuman(actor: HumanActor, at: Date): AuditEventInput {
    const isAuditor = actor.person.row.role === 'AUDITOR';
    const action = this.random.weighted([
      [AUDIT_ACTIONS.signIn, 60],
      [AUDIT_ACTIONS.signOut, 20],
      [AUDIT_ACTIONS.signInFailed, 4],
      [STEWARD_DEMO_ACTIONS.chainVerified, isAuditor ? 30 : 1],
    ]);
    const outcome: AuditOutcome = action === AUDIT_ACTIONS.signInFailed ? 'FAILURE' : 'SUCCESS';
    if (action === AUDIT_ACTIONS.signIn) this.usage.note(this.usage.humanLastSignIn, actor.person.row.id, at);
    return {
      source: STEWARD_SOURCE,
      occurredAt: at,
      action,
      resource: action === STEWARD_DEMO_ACTIONS.chainVerified ? 'audit:chain' : null,
      outcome,
      attribution: 'HUMAN',
      initiator: actor.principal,
      executor: actor.principal,
      credential: { kind: humanCredentialKind(STEWARD_SOURCE, action), subjectType: 'HUMAN' },
      details: eventDetails(this.random, STEWARD_SOURCE, 'human', action, outcome),
    };
  }

  private autonomousInitiator(executor: Identity): Principal {
    const roll = this.random.next();
    if (roll < 0.2 && executor.row.kind !== 'CI_PIPELINE' && this.orchestrators.size > 0)
      return nhiPrincipal(this.orchestrators.pick(this.random));
    if (roll < 0.85) return { type: 'SYSTEM', label: this.random.pick(SYSTEM_TRIGGERS) };
    return { type: 'SYSTEM' };
  }

  autonomous(at: Date): AuditEventInput {
    const actor = pickValid(this.random, this.machines.all, this.machines.steady, ({ identity }) =>
      activeAt(identity, at),
    );
    const source = sourceOfSystem(actor.identity.row.system);
    const context = this.identityContext(actor.identity, at);
    if (this.misuse.environmentMixers.has(actor.identity.row.id) && this.random.chance(MISUSE_SHARE)) {
      context.environment = context.environment === 'production' ? 'staging' : 'production';
    }
    const { action, resource } = nativeAction(this.random, source, 'machine', context);
    const own = this.credentialOf(actor, at);
    const outcome = this.outcome('AGENT_AUTONOMOUS');
    this.usage.note(this.usage.nhiLastSeen, actor.identity.row.id, at);
    if (own) this.usage.note(this.usage.credentialLastUsed, own.id, at);
    return {
      ...this.nativeEvent(source, at, context.environment),
      action,
      resource,
      outcome,
      attribution: 'AGENT_AUTONOMOUS',
      initiator: this.autonomousInitiator(actor.identity),
      executor: actor.principal,
      credential: own
        ? { id: own.id, kind: own.kind, subjectType: 'NHI' }
        : { kind: machineCredentialKind(source), subjectType: 'NHI' },
      details: eventDetails(this.random, source, 'machine', action, outcome),
    };
  }

  /** The identity's own key, or now and then another identity's key that it was handed (NHI9 reuse). */
  private credentialOf(actor: MachineActor, at: Date): Credential | undefined {
    const shared = this.misuse.sharedCredentials.get(actor.identity.row.id);
    if (shared && validAt(shared, at) && this.random.chance(MISUSE_SHARE)) return shared;
    return actor.own.find((credential) => validAt(credential, at));
  }

  borrowedUse(at: Date): AuditEventInput {
    const actor = pickValid(
      this.random,
      this.borrowed.all,
      this.borrowed.steady,
      ({ credential, holder }) => validAt(credential, at) && activeAt(holder, at),
    );
    const source = sourceOfSystem(actor.credential.system);
    const context: ResourceContext = {
      ...this.identityContext(actor.holder, at),
      environment: 'production',
      email: actor.subject.row.email,
    };
    const { action, resource } = nativeAction(this.random, source, 'human', context);
    const outcome = this.outcome('AGENT_BORROWED');
    this.usage.note(this.usage.nhiLastSeen, actor.holder.row.id, at);
    this.usage.note(this.usage.credentialLastUsed, actor.credential.id, at);
    return {
      ...this.nativeEvent(source, at, context.environment),
      action,
      resource,
      outcome,
      attribution: 'AGENT_BORROWED',
      initiator: humanPrincipal(actor.subject),
      executor: nhiPrincipal(actor.holder),
      credential: { id: actor.credential.id, kind: actor.credential.kind, subjectType: 'HUMAN' },
      details: eventDetails(this.random, source, 'automation', action, outcome),
    };
  }

  unknown(at: Date): AuditEventInput {
    const shadow =
      this.shadows.size > 0 && this.random.chance(SHADOW_SHARE_OF_UNKNOWN) ? this.shadows.pick(this.random) : null;
    const seen = shadow && activeAt(shadow, at) ? shadow : null;
    const source = seen ? sourceOfSystem(seen.row.system) : this.random.pick(NATIVE_SOURCES);
    const context: ResourceContext = seen
      ? this.identityContext(seen, at)
      : this.identityContext(this.machines.all.pick(this.random).identity, at);
    const style: DetailStyle = seen ? 'automation' : 'unknown';
    const { action, resource } = nativeAction(
      this.random,
      source,
      seen ? 'machine' : this.random.pick(['human', 'machine'] as const),
      context,
    );
    const outcome = this.outcome('UNKNOWN');
    if (seen) this.usage.note(this.usage.nhiLastSeen, seen.row.id, at);
    return {
      ...this.nativeEvent(source, at, context.environment),
      action,
      resource,
      outcome,
      attribution: 'UNKNOWN',
      initiator: { type: 'UNKNOWN' },
      executor: { type: 'UNKNOWN', label: seen ? seen.row.externalId : unknownPrincipal(this.random, source) },
      credential: this.random.chance(0.5) ? { kind: machineCredentialKind(source), subjectType: 'UNKNOWN' } : null,
      details: eventDetails(this.random, source, style, action, outcome),
    };
  }

  delegated(window: ScopeWindow, at: Date): AuditEventInput {
    const { actions, resources } = window;
    const logged = actions.filter((action) => SCOPE_ACTION_EVENTS[action]);
    this.usage.note(this.usage.nhiLastSeen, window.agent.row.id, at);
    this.usage.note(this.usage.credentialLastUsed, window.token.id, at);
    const base = {
      attribution: 'AGENT_DELEGATED' as const,
      initiator: humanPrincipal(window.initiator),
      executor: nhiPrincipal(window.agent),
      credential: { id: window.token.id, kind: 'TASK_TOKEN' as const, subjectType: 'NHI' as const },
      scopeId: window.scope.id,
    };
    if (logged.length === 0 || this.random.chance(AUTHORIZE_SHARE))
      return { ...base, ...this.authorizeDecision(actions, resources, at) };
    const scopeAction = this.random.pick(logged);
    const { source, action } = SCOPE_ACTION_EVENTS[scopeAction];
    const outcome = this.outcome('AGENT_DELEGATED');
    const resource = nativeResource(this.random, resourceFor(resources, scopeAction));
    return {
      ...base,
      ...this.nativeEvent(source, at, environmentOfResource(resource) ?? window.agent.row.environment),
      action,
      resource,
      outcome,
      details: eventDetails(this.random, source, 'machine', action, outcome),
    };
  }

  /** Steward's runtime decision on an agent's request under its task token. */
  private authorizeDecision(
    actions: string[],
    resources: string[],
    at: Date,
  ): Omit<AuditEventInput, 'attribution' | 'initiator' | 'executor'> {
    const denied = this.random.chance(AUTHORIZE_DENIAL_RATE);
    const outOfScopeAction = denied && this.random.chance(0.6);
    const requestedAction = outOfScopeAction
      ? this.random.pick(OUT_OF_SCOPE_ACTIONS.filter((action) => !actions.includes(action)))
      : this.random.pick(actions);
    const pattern = resourceFor(resources, requestedAction);
    const resource =
      denied && !outOfScopeAction
        ? `${pattern.split(':')[0]}:acme/${this.random.pick(['secrets', 'hr-records', 'prod-db'])}`
        : concretize(this.random, pattern);
    const reason = !denied ? 'ALLOWED' : outOfScopeAction ? 'ACTION_NOT_IN_SCOPE' : 'RESOURCE_NOT_IN_SCOPE';
    return {
      source: STEWARD_SOURCE,
      occurredAt: at,
      action: STEWARD_DEMO_ACTIONS.runtimeAuthorize,
      resource,
      outcome: denied ? 'DENIED' : 'SUCCESS',
      details: {
        decision: denied ? 'deny' : 'allow',
        reason,
        requestedAction,
        via: 'authorize',
        correlationId: traceIdOf(at, resource, requestedAction),
      },
    };
  }
}

/** A W3C trace id for a decision, derived from it so that the demo stays the same for the same seed. */
function traceIdOf(at: Date, resource: string, action: string): string {
  return createHash('sha256').update(`${at.toISOString()}|${resource}|${action}`).digest('hex').slice(0, 32);
}

/** The scope's resource pattern for the system of `action` (`github:pulls.read` → `github:acme/payments/*`). */
function resourceFor(resources: string[], action: string): string {
  const system = action.split(':')[0];
  return resources.find((resource) => resource.startsWith(`${system}:`)) ?? resources[0];
}

/** A concrete resource under a pattern: the trailing `*` becomes something an agent would touch. */
function concretize(random: Random, pattern: string): string {
  if (!pattern.endsWith('*')) return pattern;
  const prefix = pattern.slice(0, -1);
  if (prefix.includes(':s3:::')) return `${prefix}inv-${random.int(100_000, 999_999)}.pdf`;
  if (prefix.includes(':log-group:')) return `${prefix}${random.pick(['api', 'worker'])}:log-stream:${random.hex(32)}`;
  if (prefix.includes(':instance/')) return `${prefix}i-0${random.hex(16)}`;
  if (prefix.startsWith('github:')) return `${prefix}pulls/${random.int(900, 4800)}`;
  if (prefix.includes('/datasets/'))
    return `${prefix}tables/${random.pick(['orders', 'subscriptions', 'cohorts', 'tickets', 'invoices'])}`;
  if (prefix.includes('/buckets/'))
    return `${prefix}${random.pick(['runs', 'results', 'ckpt'])}/${random.hex(12)}.json`;
  return `${prefix}${random.base62(10)}`;
}

/** How the target system names the resource in its own log: ARNs without Steward's `aws:` prefix, repos without paths. */
function nativeResource(random: Random, pattern: string): string {
  if (pattern.startsWith('github:')) return pattern.split('/').slice(0, 2).join('/');
  const concrete = concretize(random, pattern);
  return concrete.startsWith('aws:arn:') || concrete.startsWith('gcp:') ? concrete.slice(4) : concrete;
}

type Plan = {
  start: Date;
  hours: number;
  counts: Readonly<Record<'HUMAN' | 'AGENT_AUTONOMOUS' | 'AGENT_BORROWED' | 'UNKNOWN', number[]>>;
  delegated: Map<number, { window: ScopeWindow; count: number }[]>;
  lifecycle: AuditEventInput[];
};

function hourlyAllocation(
  total: number,
  hours: number,
  start: Date,
  weightAt: (at: Date, progress: number) => number,
): number[] {
  const weights = Array.from({ length: hours }, (_, hour) =>
    weightAt(new Date(start.getTime() + (hour + 0.5) * HOUR_MS), hour / hours),
  );
  return apportion(total, weights);
}

/**
 * How much of its task an agent has done: all of it once the scope ended, the elapsed part of the TTL while it
 * is still approved. A task is a similar amount of work however long its TTL, so agents with a scope approved
 * minutes ago have made only a few calls yet.
 */
function workDone(window: ScopeWindow): number {
  if (window.scope.status !== 'APPROVED') return 1;
  return (window.until.getTime() - window.from.getTime()) / (window.scope.approvedTtlSeconds! * 1000);
}

/** Delegated events happen while a task token is live: each window gets a share, spread over its hours. */
function delegatedAllocation(
  random: Random,
  total: number,
  windows: ScopeWindow[],
  start: Date,
): Map<number, { window: ScopeWindow; count: number }[]> {
  const perWindow = apportion(
    total,
    windows.map((window) => (0.5 + random.next()) * workDone(window)),
  );
  const byHour = new Map<number, { window: ScopeWindow; count: number }[]>();
  windows.forEach((window, index) => {
    const firstHour = Math.floor((window.from.getTime() - start.getTime()) / HOUR_MS);
    const lastHour = Math.floor((window.until.getTime() - 1 - start.getTime()) / HOUR_MS);
    const overlaps = Array.from({ length: lastHour - firstHour + 1 }, (_, offset) => {
      const hourStart = start.getTime() + (firstHour + offset) * HOUR_MS;
      return Math.max(
        0,
        Math.min(hourStart + HOUR_MS, window.until.getTime()) - Math.max(hourStart, window.from.getTime()),
      );
    });
    apportion(perWindow[index], overlaps).forEach((count, offset) => {
      if (count === 0) return;
      const hour = firstHour + offset;
      byHour.set(hour, [...(byHour.get(hour) ?? []), { window, count }]);
    });
  });
  return byHour;
}

function planEvents(world: World, random: Random, total: number, lifecycle: AuditEventInput[]): Plan {
  const hours = AUDIT_WINDOW_DAYS * 24;
  const start = new Date(world.now.getTime() - AUDIT_WINDOW_DAYS * DAY_MS);
  const windows = world.scopes.windows.filter((window) => window.from >= start && window.until > window.from);
  const mix = ATTRIBUTION_MIX.map(([attribution, share]) =>
    attribution === 'AGENT_DELEGATED' && windows.length === 0 ? 0 : share,
  );
  const [human, delegated, autonomous, borrowed, unknown] = apportion(Math.max(0, total - lifecycle.length), mix);
  return {
    start,
    hours,
    counts: {
      HUMAN: hourlyAllocation(human, hours, start, humanRhythm),
      AGENT_AUTONOMOUS: hourlyAllocation(autonomous, hours, start, machineRhythm),
      AGENT_BORROWED: hourlyAllocation(borrowed, hours, start, borrowedRhythm),
      UNKNOWN: hourlyAllocation(unknown, hours, start, unknownRhythm),
    },
    delegated: delegatedAllocation(random, delegated, windows, start),
    lifecycle,
  };
}

function stewardEvent(at: Date, fields: Omit<AuditEventInput, 'source' | 'occurredAt'>): AuditEventInput {
  return { source: STEWARD_SOURCE, occurredAt: at, ...fields };
}

/** What Steward itself recorded about the scopes, keys and revocations of the world, oldest first. */
function lifecycleEvents(world: World, start: Date): AuditEventInput[] {
  const { people, identities, scopes, credentials, apiKeys } = world;
  const personById = new Map(people.all.map((person) => [person.row.id, person]));
  const identityById = new Map(identities.all.map((identity) => [identity.row.id, identity]));
  const tokenByScope = new Map(scopes.taskTokens.map((token) => [token.scopeRequestId, token]));
  const events: AuditEventInput[] = [];
  const session = { kind: 'SESSION_COOKIE' as const, subjectType: 'HUMAN' as const };
  for (const scope of scopes.requests) {
    const agent = nhiPrincipal(identityById.get(scope.nhiId)!);
    const initiator = humanPrincipal(personById.get(scope.initiatorId!)!);
    const resource = `scope:${scope.id}`;
    const delegated = {
      attribution: 'AGENT_DELEGATED' as const,
      initiator,
      executor: agent,
      scopeId: scope.id,
      resource,
    };
    events.push(
      stewardEvent(scope.requestedAt, {
        ...delegated,
        action: STEWARD_DEMO_ACTIONS.scopeRequested,
        credential: { kind: 'API_KEY', subjectType: 'NHI' },
        details: { task: scope.task, ttlSeconds: scope.requestedTtlSeconds },
      }),
    );
    for (const approval of scopes.approvals.filter((candidate) => candidate.scopeRequestId === scope.id)) {
      const approver = humanPrincipal(personById.get(approval.approverId)!);
      const action =
        approval.decision === 'APPROVE' ? STEWARD_DEMO_ACTIONS.scopeApproved : STEWARD_DEMO_ACTIONS.scopeDenied;
      const details = approval.reason ? { stage: approval.stage, reason: approval.reason } : { stage: approval.stage };
      events.push(
        stewardEvent(approval.createdAt, {
          action,
          attribution: 'HUMAN',
          initiator: approver,
          executor: approver,
          credential: session,
          scopeId: scope.id,
          resource,
          details,
        }),
      );
    }
    const token = tokenByScope.get(scope.id);
    const tokenCredential = token && {
      id: token.credentialId,
      kind: 'TASK_TOKEN' as const,
      subjectType: 'NHI' as const,
    };
    if (token)
      events.push(
        stewardEvent(token.issuedAt, {
          ...delegated,
          action: STEWARD_DEMO_ACTIONS.scopeTokenIssued,
          credential: tokenCredential,
          details: { expiresAt: token.expiresAt.toISOString() },
        }),
      );
    if (scope.completedAt)
      events.push(
        stewardEvent(scope.completedAt, {
          ...delegated,
          action: STEWARD_DEMO_ACTIONS.scopeCompleted,
          credential: tokenCredential,
        }),
      );
    if (scope.revokedAt && scope.revokedById) {
      const revoker = humanPrincipal(personById.get(scope.revokedById)!);
      events.push(
        stewardEvent(scope.revokedAt, {
          action: STEWARD_DEMO_ACTIONS.scopeRevoked,
          attribution: 'HUMAN',
          initiator: revoker,
          executor: revoker,
          credential: session,
          scopeId: scope.id,
          resource,
          details: { reason: scope.revocationReason },
        }),
      );
    }
  }
  for (const key of apiKeys) {
    const admin = humanPrincipal(personById.get(key.createdById!)!);
    events.push(
      stewardEvent(key.createdAt, {
        action: STEWARD_DEMO_ACTIONS.apiKeyCreated,
        attribution: 'HUMAN',
        initiator: admin,
        executor: admin,
        credential: session,
        resource: `api_key:${key.prefix}`,
        details: { kind: key.kind, name: key.name },
      }),
    );
  }
  for (const credential of credentials.borrowed.filter((candidate) => candidate.revokedAt && candidate.revokedById)) {
    const revoker = humanPrincipal(personById.get(credential.revokedById!)!);
    events.push(
      stewardEvent(credential.revokedAt!, {
        action: STEWARD_DEMO_ACTIONS.credentialRevoked,
        attribution: 'HUMAN',
        initiator: revoker,
        executor: revoker,
        credential: session,
        resource: `credential:${credential.id}`,
        details: { reason: credential.revocationReason },
      }),
    );
  }
  return events
    .filter((event) => event.occurredAt! >= start && event.occurredAt! < world.now)
    .sort((a, b) => a.occurredAt!.getTime() - b.occurredAt!.getTime());
}

function eventsOfHour(
  factory: EventFactory,
  random: Random,
  plan: Plan,
  hour: number,
  lifecycleCursor: { index: number },
): AuditEventInput[] {
  const hourStart = plan.start.getTime() + hour * HOUR_MS;
  const hourEnd = hourStart + HOUR_MS;
  const at = () => new Date(hourStart + Math.floor(random.next() * HOUR_MS));
  const events: AuditEventInput[] = [];
  for (let i = 0; i < plan.counts.HUMAN[hour]; i += 1) events.push(factory.human(at()));
  for (let i = 0; i < plan.counts.AGENT_AUTONOMOUS[hour]; i += 1) events.push(factory.autonomous(at()));
  for (let i = 0; i < plan.counts.AGENT_BORROWED[hour]; i += 1) events.push(factory.borrowedUse(at()));
  for (let i = 0; i < plan.counts.UNKNOWN[hour]; i += 1) events.push(factory.unknown(at()));
  for (const { window, count } of plan.delegated.get(hour) ?? []) {
    const from = Math.max(hourStart, window.from.getTime());
    const until = Math.min(hourEnd, window.until.getTime());
    for (let i = 0; i < count; i += 1)
      events.push(factory.delegated(window, new Date(from + Math.floor(random.next() * (until - from)))));
  }
  while (
    lifecycleCursor.index < plan.lifecycle.length &&
    plan.lifecycle[lifecycleCursor.index].occurredAt!.getTime() < hourEnd
  ) {
    events.push(plan.lifecycle[lifecycleCursor.index]);
    lifecycleCursor.index += 1;
  }
  return events.sort((a, b) => a.occurredAt!.getTime() - b.occurredAt!.getTime());
}

/**
 * The audit trail of the last 90 days, in batches of `batchSize`, oldest first. It holds one hour of events
 * at a time, so any number of events streams in constant memory.
 */
export function* auditEventBatches(world: World, options: EventStreamOptions): Generator<AuditEventInput[]> {
  const random = new Random(world.seed).fork('events');
  const start = new Date(world.now.getTime() - AUDIT_WINDOW_DAYS * DAY_MS);
  const plan = planEvents(world, random, options.total, lifecycleEvents(world, start));
  const factory = new EventFactory(random, world, start, options.usage ?? new Usage());
  const lifecycleCursor = { index: 0 };
  let batch: AuditEventInput[] = [];
  for (let hour = 0; hour < plan.hours; hour += 1) {
    for (const event of eventsOfHour(factory, random, plan, hour, lifecycleCursor)) {
      batch.push(event);
      if (batch.length === options.batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
