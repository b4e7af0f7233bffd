import type { Nhi } from '../db/generated/sqlite/client';
import type { NhiKind, NhiStatus } from '../db/generated/sqlite/enums';
import { nameKey, nhiSearchText } from '../inventory/search-text';
import {
  AGENT_BASES,
  AWS_ACCOUNTS,
  BOT_NAMES,
  CI_WORKFLOWS,
  GCP_PROJECTS,
  REPOSITORIES,
  SERVICES,
  SHADOW_AGENT_NAMES,
  SHADOW_SERVICE_NAMES,
  THIRD_PARTY_INTEGRATIONS,
  type AgentBase,
  type Domain,
  type Environment,
  type SystemName,
} from './catalog';
import type { People, Person } from './people';
import { DAY_MS, apportion, type Random } from './random';

/** How the identity exists in its system; decides which credentials it can have. */
export type IdentityFlavor =
  | 'iam-user'
  | 'iam-role'
  | 'gcp-service-account'
  | 'github-app'
  | 'github-machine-user'
  | 'github-workflow'
  | 'okta-service-app'
  | 'entra-service-principal'
  | 'slack-app'
  | 'salesforce-integration-user'
  | 'salesforce-connected-app'
  | 'kubernetes-service-account'
  | 'database-user'
  | 'agent-runtime';

/** An NHI row without the inventory figures Steward derives from other rows once they exist (refreshNhiStats). */
export type NhiRow = Omit<
  Nhi,
  | 'credentialCount'
  | 'standingCredentialCount'
  | 'borrowedCredentialCount'
  | 'openFindingCount'
  | 'highestSeverityRank'
  | 'orphaned'
>;

export type Identity = {
  row: NhiRow;
  flavor: IdentityFlavor;
  domain: Domain;
  service: string;
  repo: string;
  agent?: AgentBase;
  /** When it may appear in the audit trail: from creation (or discovery) until it went quiet (null: still active). */
  activeFrom: Date;
  activeUntil: Date | null;
};

export type Identities = { all: Identity[]; demoAgent: Identity };

type Blueprint = Omit<Identity, 'row' | 'activeFrom' | 'activeUntil'> & {
  kind: NhiKind;
  system: SystemName;
  environment: Environment;
  name: string;
  externalId: string;
  description: string;
};

const KIND_COUNTS: Readonly<Record<Exclude<NhiKind, 'AI_AGENT'>, number>> = {
  SERVICE_ACCOUNT: 232,
  WORKLOAD: 160,
  INTEGRATION: 90,
  BOT: 60,
  CI_PIPELINE: 110,
};
const AGENT_COUNT = 180;
const SHADOW_AGENT_COUNT = 28;
const SHADOW_OTHER_COUNT = 12;
const SUSPENDED_COUNT = 25;
const DECOMMISSIONED_COUNT = 45;
const STALE_COUNT = 62;
const DEMO_SPONSOR_NON_AGENT_LIMIT = 12;
/** Developer-productivity agents are fewer, so that the demo sponsor has a readable queue. */
const DEVPROD_AGENT_WEIGHT = 0.42;

const SYSTEM_WEIGHTS: Readonly<Record<Exclude<NhiKind, 'AI_AGENT'>, readonly (readonly [SystemName, number])[]>> = {
  SERVICE_ACCOUNT: [
    ['aws', 35],
    ['gcp', 25],
    ['internal', 16],
    ['entra', 12],
    ['okta', 6],
    ['salesforce', 6],
  ],
  WORKLOAD: [
    ['aws', 45],
    ['internal', 30],
    ['gcp', 25],
  ],
  INTEGRATION: [
    ['entra', 25],
    ['okta', 22],
    ['slack', 15],
    ['salesforce', 15],
    ['github', 13],
    ['aws', 10],
  ],
  BOT: [
    ['slack', 50],
    ['github', 50],
  ],
  CI_PIPELINE: [
    ['github', 75],
    ['aws', 15],
    ['gcp', 10],
  ],
};

const ENVIRONMENT_WEIGHTS: readonly (readonly [Environment, number])[] = [
  ['production', 55],
  ['staging', 25],
  ['development', 17],
  ['unknown', 3],
];

const SHORT_ENV: Readonly<Record<Environment, string>> = {
  production: 'prod',
  staging: 'stg',
  development: 'dev',
  unknown: 'sbx',
};

function pickEnvironment(random: Random, system: SystemName): Environment {
  const orgWide = system === 'github' || system === 'slack' || system === 'okta';
  return orgWide && random.chance(0.85) ? 'production' : random.weighted(ENVIRONMENT_WEIGHTS);
}

function awsRole(environment: Environment, path: string, name: string): string {
  return `arn:aws:iam::${AWS_ACCOUNTS[environment]}:role/${path}${name}`;
}

function gcpServiceAccount(environment: Environment, name: string): string {
  return `${name.slice(0, 30)}@${GCP_PROJECTS[environment]}.iam.gserviceaccount.com`;
}

function oktaClientId(random: Random): string {
  return `0oa${random.base62(17)}`;
}

function salesforceId(random: Random, prefix: string): string {
  return `${prefix}${random.chars('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 15)}`;
}

function githubAppId(random: Random): string {
  return `app/${random.int(180_000, 1_190_000)}`;
}

const SERVICE_ACCOUNT_SUFFIXES = ['', '-etl', '-sync', '-reader', '-writer', '-export', '-batch', '-admin'] as const;

type Service = (typeof SERVICES)[number];

function serviceAccountBlueprint(random: Random, system: SystemName, service: Service, environment: Environment) {
  const suffix = random.pick(SERVICE_ACCOUNT_SUFFIXES);
  const base = `${service.name}${suffix}`;
  switch (system) {
    case 'aws':
      if (random.chance(0.6)) {
        const name = `svc-${base}`;
        return {
          flavor: 'iam-user' as const,
          name,
          externalId: `arn:aws:iam::${AWS_ACCOUNTS[environment]}:user/service/${name}`,
          description: `IAM user for ${service.name} jobs in ${environment}.`,
        };
      }
      return {
        flavor: 'iam-role' as const,
        name: `${base}-role`,
        externalId: awsRole(environment, 'service/', `${base}-role`),
        description: `IAM role assumed by ${service.name} jobs in ${environment}.`,
      };
    case 'gcp':
      return {
        flavor: 'gcp-service-account' as const,
        name: `sa-${base}`,
        externalId: gcpServiceAccount(environment, `sa-${base}`),
        description: `Service account for ${service.name} in ${GCP_PROJECTS[environment]}.`,
      };
    case 'entra':
      return {
        flavor: 'entra-service-principal' as const,
        name: `sp-${base}-${SHORT_ENV[environment]}`,
        externalId: random.uuid(),
        description: `App registration used by ${service.name} to call Microsoft Graph.`,
      };
    case 'okta':
      return {
        flavor: 'okta-service-app' as const,
        name: `okta-${base}-api`,
        externalId: oktaClientId(random),
        description: `Okta API service app for ${service.name}.`,
      };
    case 'salesforce':
      return {
        flavor: 'salesforce-integration-user' as const,
        name: `integration.${base}`,
        externalId: salesforceId(random, '005'),
        description: `Salesforce integration user for ${service.name}.`,
      };
    default: {
      const name = `svc_${base.replace(/-/g, '_')}_${random.pick(['ro', 'rw'])}`;
      return {
        flavor: 'database-user' as const,
        name,
        externalId: `postgres://${service.name}-${SHORT_ENV[environment]}/${name}`,
        description: `PostgreSQL role for ${service.name} (${environment}).`,
      };
    }
  }
}

function workloadBlueprint(random: Random, system: SystemName, service: Service, environment: Environment) {
  if (system === 'aws') {
    const [name, description] = random.pick([
      [`${service.name}-task-role`, `ECS task role of the ${service.name} service.`],
      [`${service.name}-lambda-exec`, `Execution role of the ${service.name} Lambda functions.`],
      [`eks-${service.name}-irsa`, `EKS pod role (IRSA) of ${service.name}.`],
    ] as const);
    return { flavor: 'iam-role' as const, name, externalId: awsRole(environment, 'workload/', name), description };
  }
  if (system === 'gcp') {
    const name = `${service.name}-${random.pick(['run', 'gke', 'fn'])}`;
    return {
      flavor: 'gcp-service-account' as const,
      name,
      externalId: gcpServiceAccount(environment, name),
      description: `Runtime service account of ${service.name} on Google Cloud.`,
    };
  }
  const name = `${service.name}-${random.pick(['api', 'worker', 'consumer', 'cron'])}`;
  const cluster = `${SHORT_ENV[environment]}-eu-${random.int(1, 2)}`;
  return {
    flavor: 'kubernetes-service-account' as const,
    name,
    externalId: `k8s://${cluster}/system:serviceaccount:${service.domain}:${name}`,
    description: `Kubernetes service account of ${name} in ${cluster}.`,
  };
}

function integrationBlueprint(random: Random, system: SystemName, environment: Environment) {
  const vendor = random.pick(THIRD_PARTY_INTEGRATIONS);
  const description = `Third-party integration (${vendor.replace(/-/g, ' ')}).`;
  switch (system) {
    case 'aws':
      return {
        flavor: 'iam-role' as const,
        name: vendor,
        externalId: awsRole(environment, 'integrations/', vendor),
        description: `${description} Cross-account role with an external ID.`,
      };
    case 'okta':
      return { flavor: 'okta-service-app' as const, name: vendor, externalId: oktaClientId(random), description };
    case 'entra':
      return { flavor: 'entra-service-principal' as const, name: vendor, externalId: random.uuid(), description };
    case 'slack':
      return { flavor: 'slack-app' as const, name: vendor, externalId: `A0${random.upperAlnum(9)}`, description };
    case 'salesforce':
      return {
        flavor: 'salesforce-connected-app' as const,
        name: vendor,
        externalId: salesforceId(random, '0H4'),
        description,
      };
    default:
      return { flavor: 'github-app' as const, name: vendor, externalId: githubAppId(random), description };
  }
}

function botBlueprint(random: Random, system: SystemName, service: Service) {
  const base = random.pick(BOT_NAMES);
  const name = random.chance(0.5) ? base : `${service.domain}-${base}`;
  if (system === 'slack')
    return {
      flavor: 'slack-app' as const,
      name,
      externalId: `B0${random.upperAlnum(9)}`,
      description: `Slack bot ${name}.`,
    };
  if (random.chance(0.25)) {
    const login = `acme-${base.replace(/-bot$/, '')}-machine`;
    return {
      flavor: 'github-machine-user' as const,
      name: login,
      externalId: `user/${login}`,
      description: 'GitHub machine user (a seat, not an app).',
    };
  }
  return { flavor: 'github-app' as const, name, externalId: githubAppId(random), description: `GitHub App ${name}.` };
}

function pipelineBlueprint(random: Random, system: SystemName, service: Service, environment: Environment) {
  const repo = random.pick(REPOSITORIES);
  if (system === 'github') {
    const workflow = random.pick(CI_WORKFLOWS);
    return {
      flavor: 'github-workflow' as const,
      name: `acme/${repo}:${workflow.replace('.yml', '')}`,
      externalId: `acme/${repo}/.github/workflows/${workflow}@${environment}`,
      description: `GitHub Actions workflow ${workflow} of acme/${repo}.`,
    };
  }
  if (system === 'aws') {
    const name = `gha-deploy-${repo}`;
    return {
      flavor: 'iam-role' as const,
      name,
      externalId: awsRole(environment, 'ci/', name),
      description: `Assumed by GitHub Actions (OIDC) to deploy acme/${repo}.`,
    };
  }
  const name = `cloudbuild-${service.name}`;
  return {
    flavor: 'gcp-service-account' as const,
    name,
    externalId: gcpServiceAccount(environment, name),
    description: `Cloud Build service account for ${service.name}.`,
  };
}

function nonAgentBlueprint(random: Random, kind: Exclude<NhiKind, 'AI_AGENT'>): Blueprint {
  const system = random.weighted(SYSTEM_WEIGHTS[kind]);
  const environment = pickEnvironment(random, system);
  const service = random.pick(SERVICES);
  const built =
    kind === 'SERVICE_ACCOUNT'
      ? serviceAccountBlueprint(random, system, service, environment)
      : kind === 'WORKLOAD'
        ? workloadBlueprint(random, system, service, environment)
        : kind === 'INTEGRATION'
          ? integrationBlueprint(random, system, environment)
          : kind === 'BOT'
            ? botBlueprint(random, system, service)
            : pipelineBlueprint(random, system, service, environment);
  const domain = kind === 'BOT' || (kind === 'CI_PIPELINE' && system === 'github') ? 'devprod' : service.domain;
  return { ...built, kind, system, environment, domain, service: service.name, repo: service.repo };
}

const AGENT_VARIANTS = ['', '', '', '-v2', '-canary', '-eu'] as const;

function agentExternalId(
  random: Random,
  system: SystemName,
  environment: Environment,
  name: string,
): { flavor: IdentityFlavor; externalId: string } {
  switch (system) {
    case 'aws':
      return { flavor: 'iam-role', externalId: awsRole(environment, 'agents/', name) };
    case 'gcp':
      return { flavor: 'gcp-service-account', externalId: gcpServiceAccount(environment, name) };
    case 'github':
      return { flavor: 'github-app', externalId: githubAppId(random) };
    case 'okta':
      return { flavor: 'okta-service-app', externalId: oktaClientId(random) };
    case 'entra':
      return { flavor: 'entra-service-principal', externalId: random.uuid() };
    case 'slack':
      return { flavor: 'slack-app', externalId: `A0${random.upperAlnum(9)}` };
    case 'salesforce':
      return { flavor: 'salesforce-connected-app', externalId: salesforceId(random, '0H4') };
    default:
      return { flavor: 'agent-runtime', externalId: `urn:acme:agent:${name}:${SHORT_ENV[environment]}` };
  }
}

function agentBlueprint(random: Random, base: AgentBase): Blueprint {
  const system = random.pick(base.systems);
  const environment = pickEnvironment(random, system);
  const name = `${base.name}${random.pick(AGENT_VARIANTS)}`;
  const service = random.pick(SERVICES.filter((candidate) => candidate.domain === base.domain));
  return {
    ...agentExternalId(random, system, environment, name),
    kind: 'AI_AGENT',
    system,
    environment,
    name,
    description: base.description,
    domain: base.domain,
    service: service.name,
    repo: service.repo,
    agent: base,
  };
}

function shadowBlueprint(random: Random, kind: NhiKind): Blueprint {
  const environment: Environment = random.chance(0.5) ? 'unknown' : 'production';
  const system = random.pick(['aws', 'github', 'okta', 'entra', 'gcp'] as const);
  const name =
    kind === 'AI_AGENT'
      ? `${random.pick(SHADOW_AGENT_NAMES)}${random.chance(0.4) ? `-${random.int(2, 9)}` : ''}`
      : random.pick(SHADOW_SERVICE_NAMES);
  const { flavor, externalId } =
    system === 'aws'
      ? { flavor: 'iam-user' as const, externalId: `arn:aws:iam::${AWS_ACCOUNTS[environment]}:user/${name}` }
      : agentExternalId(random, system, environment, name);
  const service = random.pick(SERVICES);
  return {
    flavor,
    kind,
    system,
    environment,
    name,
    externalId,
    description: `Seen in imported ${system} logs; nobody has claimed it yet.`,
    domain: service.domain,
    service: service.name,
    repo: service.repo,
  };
}

const MAX_ATTEMPTS_PER_IDENTITY = 200;

/** Unique by (system, externalId), the way the inventory keys identities, and by name within a system and environment. */
function collect(count: number, make: () => Blueprint, taken: Set<string>): Blueprint[] {
  const made: Blueprint[] = [];
  for (let attempt = 0; made.length < count; attempt += 1) {
    if (attempt > count * MAX_ATTEMPTS_PER_IDENTITY)
      throw new Error('The demo catalog has too few distinct names for the requested identities.');
    const blueprint = make();
    const keys = [
      `${blueprint.system}|${blueprint.externalId}`,
      `${blueprint.system}|${blueprint.environment}|${blueprint.name}`,
    ];
    if (keys.some((key) => taken.has(key))) continue;
    keys.forEach((key) => taken.add(key));
    made.push(blueprint);
  }
  return made;
}

function agentBlueprints(random: Random, count: number, taken: Set<string>): Blueprint[] {
  const weights = AGENT_BASES.map((base) => (base.domain === 'devprod' ? DEVPROD_AGENT_WEIGHT : 1));
  const perBase = apportion(count, weights);
  return AGENT_BASES.flatMap((base, index) => collect(perBase[index], () => agentBlueprint(random, base), taken));
}

function demoAgentBlueprint(random: Random): Blueprint {
  const base = AGENT_BASES.find((candidate) => candidate.name === 'pr-review-agent')!;
  return {
    ...agentBlueprint(random, base),
    flavor: 'github-app',
    system: 'github',
    environment: 'production',
    name: base.name,
    externalId: githubAppId(random),
  };
}

type Lifecycle = { status: NhiStatus; stale: boolean };

/** Which regular identities are suspended, decommissioned or stale. The demo agent stays active. */
function lifecycles(random: Random, count: number): Lifecycle[] {
  const order = random.shuffle(Array.from({ length: count - 1 }, (_, index) => index + 1));
  const result: Lifecycle[] = Array.from({ length: count }, () => ({ status: 'ACTIVE', stale: false }));
  order.slice(0, SUSPENDED_COUNT).forEach((index) => (result[index] = { status: 'SUSPENDED', stale: false }));
  order
    .slice(SUSPENDED_COUNT, SUSPENDED_COUNT + DECOMMISSIONED_COUNT)
    .forEach((index) => (result[index] = { status: 'DECOMMISSIONED', stale: false }));
  order
    .slice(SUSPENDED_COUNT + DECOMMISSIONED_COUNT, SUSPENDED_COUNT + DECOMMISSIONED_COUNT + STALE_COUNT)
    .forEach((index) => (result[index] = { status: 'ACTIVE', stale: true }));
  return result;
}

type SponsorPicker = (blueprint: Blueprint) => Person | null;

function sponsorPicker(random: Random, people: People): SponsorPicker {
  const offboarded = people.all.filter((person) => person.row.status === 'OFFBOARDED');
  let demoSponsorNonAgents = 0;
  let orphanedAgents = 0;
  return (blueprint) => {
    const domainSponsor = people.sponsorOf[blueprint.domain];
    if (blueprint.kind === 'AI_AGENT') {
      if (blueprint.domain !== 'devprod' && orphanedAgents < 3 && random.chance(0.05)) {
        orphanedAgents += 1;
        return random.pick(offboarded);
      }
      return domainSponsor;
    }
    const roll = random.next();
    if (roll < 0.1) return null;
    if (roll < 0.15) return random.pick(offboarded);
    if (blueprint.domain !== 'devprod') return domainSponsor;
    demoSponsorNonAgents += 1;
    return demoSponsorNonAgents <= DEMO_SPONSOR_NON_AGENT_LIMIT ? domainSponsor : people.sponsorOf.sre;
  };
}

function activity(
  random: Random,
  now: Date,
  createdAt: Date,
  lifecycle: Lifecycle,
): { lastSeenAt: Date; activeUntil: Date | null } {
  const quietSince = (minDays: number, maxDays: number) => {
    const lastSeenAt = new Date(
      Math.max(random.daysBefore(now, minDays, maxDays).getTime(), createdAt.getTime() + DAY_MS),
    );
    return { lastSeenAt, activeUntil: lastSeenAt };
  };
  if (lifecycle.stale) return quietSince(92, 540);
  if (lifecycle.status === 'SUSPENDED') return quietSince(3, 150);
  if (lifecycle.status === 'DECOMMISSIONED') return quietSince(10, 500);
  return { lastSeenAt: random.daysBefore(now, 0, 2), activeUntil: null };
}

function toIdentity(
  random: Random,
  now: Date,
  blueprint: Blueprint,
  lifecycle: Lifecycle,
  sponsor: Person | null,
): Identity {
  const createdAt = lifecycle.stale ? random.daysBefore(now, 400, 1_250) : random.daysBefore(now, 20, 1_250);
  const { lastSeenAt, activeUntil } = activity(random, now, createdAt, lifecycle);
  const { kind, system, environment, name, externalId, description, ...profile } = blueprint;
  const row: NhiRow = {
    id: random.id(),
    system,
    externalId,
    name,
    kind,
    environment,
    status: lifecycle.status,
    description,
    sponsorId: sponsor?.row.id ?? null,
    lastSeenAt,
    discoveredAt: null,
    createdAt,
    updatedAt: random.dateBetween(createdAt, lastSeenAt),
    searchText: nhiSearchText({ name, externalId, system, description }),
    nameKey: nameKey(name),
  };
  return { ...profile, row, activeFrom: createdAt, activeUntil };
}

function toShadowIdentity(random: Random, now: Date, blueprint: Blueprint): Identity {
  const discoveredAt = random.daysBefore(now, 2, 85);
  const { kind, system, environment, name, externalId, ...profile } = blueprint;
  const row: NhiRow = {
    id: random.id(),
    system,
    externalId,
    name,
    kind,
    environment,
    status: 'DISCOVERED',
    description: profile.description,
    sponsorId: null,
    lastSeenAt: random.daysBefore(now, 0, 1),
    discoveredAt,
    createdAt: discoveredAt,
    updatedAt: discoveredAt,
    searchText: nhiSearchText({ name, externalId, system, description: profile.description }),
    nameKey: nameKey(name),
  };
  return { ...profile, row, activeFrom: discoveredAt, activeUntil: null };
}

function shadowBlueprints(random: Random, taken: Set<string>): Blueprint[] {
  const otherKinds: NhiKind[] = ['SERVICE_ACCOUNT', 'SERVICE_ACCOUNT', 'SERVICE_ACCOUNT', 'BOT', 'INTEGRATION'];
  return [
    ...collect(SHADOW_AGENT_COUNT, () => shadowBlueprint(random, 'AI_AGENT'), taken),
    ...collect(SHADOW_OTHER_COUNT, () => shadowBlueprint(random, random.pick(otherKinds)), taken),
  ];
}

/** Every NHI of the demo organisation: registered ones first (the demo agent at the head), then shadow ones. */
export function generateIdentities(random: Random, now: Date, people: People): Identities {
  const taken = new Set<string>();
  const [demoBlueprint] = collect(1, () => demoAgentBlueprint(random), taken);
  const shadowCountsByKind = { SERVICE_ACCOUNT: 0, WORKLOAD: 0, INTEGRATION: 0, BOT: 0, CI_PIPELINE: 0 };
  const shadows = shadowBlueprints(random, taken);
  for (const shadow of shadows) if (shadow.kind !== 'AI_AGENT') shadowCountsByKind[shadow.kind] += 1;
  const kinds = Object.keys(KIND_COUNTS) as (keyof typeof KIND_COUNTS)[];
  const registered = [
    demoBlueprint,
    ...agentBlueprints(random, AGENT_COUNT - SHADOW_AGENT_COUNT - 1, taken),
    ...kinds.flatMap((kind) =>
      collect(KIND_COUNTS[kind] - shadowCountsByKind[kind], () => nonAgentBlueprint(random, kind), taken),
    ),
  ];
  const states = lifecycles(random, registered.length);
  const sponsorFor = sponsorPicker(random, people);
  const identities = registered.map((blueprint, index) =>
    toIdentity(random, now, blueprint, states[index], sponsorFor(blueprint)),
  );
  const all = [...identities, ...shadows.map((blueprint) => toShadowIdentity(random, now, blueprint))];
  return { all, demoAgent: all[0] };
}
