import { createHash } from 'node:crypto';
import type { Credential, ScopeApproval, ScopeRequest, TaskToken } from '../db/generated/sqlite/client';
import type { ScopeStatus } from '../db/generated/sqlite/enums';
import type { Domain, DepartmentName } from './catalog';
import type { Identities, Identity } from './identities';
import { isActiveAt, type People, type Person } from './people';
import { DAY_MS, MINUTE_MS, type Random } from './random';
import { searchable } from './credentials';
import { TASK_TEMPLATES } from './tasks';
import { assessRisk, DEFAULT_SCOPE_POLICY, ttlCapSeconds } from '../scopes/risk';

/** The demo follows Steward's default policy: TTLs capped by risk, a second approval for risky writes. */
const POLICY = DEFAULT_SCOPE_POLICY;

const STATUS_COUNTS: readonly (readonly [ScopeStatus, number])[] = [
  ['PENDING', 15],
  ['APPROVED', 30],
  ['DENIED', 10],
  ['COMPLETED', 60],
  ['EXPIRED', 40],
  ['REVOKED', 10],
];
const DEMO_SPONSOR_PENDING = 6;
const APPROVED_WITHOUT_TOKEN = 3;

const DOMAIN_DEPARTMENTS: Readonly<Record<Domain, readonly DepartmentName[]>> = {
  devprod: ['Platform'],
  sre: ['Platform', 'Security'],
  payments: ['Payments', 'Finance'],
  data: ['Data', 'Finance'],
  ml: ['ML Research'],
  support: ['Customer Support'],
  revops: ['Sales Ops'],
  it: ['IT', 'Security'],
};

/** When an agent held an approved scope's task token, and whose request it served. */
export type ScopeWindow = {
  scope: ScopeRequest;
  agent: Identity;
  initiator: Person;
  token: Credential;
  actions: string[];
  resources: string[];
  from: Date;
  until: Date;
};

export type Scopes = {
  requests: ScopeRequest[];
  approvals: ScopeApproval[];
  taskTokens: TaskToken[];
  tokenCredentials: Credential[];
  windows: ScopeWindow[];
};

type Timeline = Pick<ScopeRequest, 'requestedAt' | 'decidedAt' | 'expiresAt' | 'completedAt' | 'revokedAt'> & {
  approvedTtlSeconds: number | null;
};

type Context = { random: Random; now: Date; people: People; fingerprints: Set<string> };

function eligibleAgents(identities: Identities, people: People): Identity[] {
  const activeSponsors = new Set(
    people.all.filter((person) => person.row.status === 'ACTIVE').map((person) => person.row.id),
  );
  return identities.all.filter(
    (identity) =>
      identity.agent &&
      identity.agent.tasks.length > 0 &&
      identity.row.status === 'ACTIVE' &&
      !identity.activeUntil &&
      identity.row.sponsorId !== null &&
      activeSponsors.has(identity.row.sponsorId),
  );
}

/** A moment in working hours (07:00–19:00 UTC on a weekday), `daysAgo` days before `now`. */
function workingMoment(random: Random, now: Date, daysAgo: number): Date {
  const day = new Date(now.getTime() - daysAgo * DAY_MS);
  const weekday = day.getUTCDay();
  const shift = weekday === 6 ? 1 : weekday === 0 ? 2 : 0;
  day.setUTCHours(random.int(7, 18), random.int(0, 59), random.int(0, 59), random.int(0, 999));
  return new Date(day.getTime() - shift * DAY_MS);
}

/** Decisions take minutes to hours: log-uniform between 3 minutes and 8 hours. */
function decisionDelay(random: Random): number {
  return Math.exp(Math.log(3) + random.next() * Math.log(160)) * MINUTE_MS;
}

function approvedTtl(random: Random, requested: number): number {
  return random.chance(0.2) && requested > 1800 ? requested / 2 : requested;
}

const UNDECIDED = { decidedAt: null, expiresAt: null, completedAt: null, revokedAt: null, approvedTtlSeconds: null };

/** Approved and still live: decided within its TTL, so that it has not expired by `now`. */
function liveTimeline(random: Random, now: Date, ttl: number): Timeline {
  const ttlMs = ttl * 1000;
  const decidedAt = new Date(now.getTime() - random.int(5 * MINUTE_MS, Math.floor(0.85 * ttlMs)));
  const requestedAt = new Date(decidedAt.getTime() - random.int(2, 90) * MINUTE_MS);
  return {
    ...UNDECIDED,
    requestedAt,
    decidedAt,
    expiresAt: new Date(decidedAt.getTime() + ttlMs),
    approvedTtlSeconds: ttl,
  };
}

function pastTimeline(random: Random, now: Date, status: ScopeStatus, ttl: number | null): Timeline {
  // More requests lately: agents were onboarded to task scopes over the quarter.
  const requestedAt = workingMoment(random, now, 2 + 84 * (1 - Math.sqrt(random.next())));
  const decidedAt = new Date(requestedAt.getTime() + decisionDelay(random));
  if (ttl === null) return { ...UNDECIDED, requestedAt, decidedAt };
  const partWay = () => new Date(decidedAt.getTime() + (0.08 + 0.7 * random.next()) * ttl * 1000);
  return {
    requestedAt,
    decidedAt,
    expiresAt: new Date(decidedAt.getTime() + ttl * 1000),
    approvedTtlSeconds: ttl,
    completedAt: status === 'COMPLETED' ? partWay() : null,
    revokedAt: status === 'REVOKED' ? partWay() : null,
  };
}

function timeline(random: Random, now: Date, status: ScopeStatus, requestedTtl: number): Timeline {
  if (status === 'PENDING')
    return { ...UNDECIDED, requestedAt: new Date(now.getTime() - random.int(12, 40 * 60) * MINUTE_MS) };
  const ttl = status === 'DENIED' ? null : approvedTtl(random, requestedTtl);
  return status === 'APPROVED' ? liveTimeline(random, now, ttl!) : pastTimeline(random, now, status, ttl);
}

function pickInitiator(random: Random, people: People, agent: Identity, sponsorId: string, at: Date): Person {
  const departments = DOMAIN_DEPARTMENTS[agent.domain];
  const candidates = people.all.filter(
    (person) =>
      person.row.id !== sponsorId &&
      person !== people.demo.security &&
      person !== people.demo.auditor &&
      isActiveAt(person, at) &&
      departments.includes(person.seat.department as DepartmentName),
  );
  return random.pick(candidates);
}

function approvalsFor(
  context: Context,
  scope: ScopeRequest,
  sponsorId: string,
  denialReason: string | null,
): ScopeApproval[] {
  const { random, people } = context;
  const approval = (
    stage: ScopeApproval['stage'],
    approverId: string,
    decision: ScopeApproval['decision'],
    createdAt: Date,
    reason: string | null,
  ): ScopeApproval => ({
    id: random.id(),
    scopeRequestId: scope.id,
    approverId,
    stage,
    decision,
    reason,
    createdAt,
  });
  const securityId = people.demo.security.row.id;
  if (scope.status === 'PENDING') {
    if (!scope.needsSecurityApproval || random.chance(0.5)) return [];
    return [
      approval(
        'SPONSOR',
        sponsorId,
        'APPROVE',
        new Date(scope.requestedAt.getTime() + random.int(3, 60) * MINUTE_MS),
        null,
      ),
    ];
  }
  const decidedAt = scope.decidedAt!;
  if (!scope.needsSecurityApproval) {
    return [approval('SPONSOR', sponsorId, scope.status === 'DENIED' ? 'DENY' : 'APPROVE', decidedAt, denialReason)];
  }
  const sponsorAt = new Date(scope.requestedAt.getTime() + (decidedAt.getTime() - scope.requestedAt.getTime()) * 0.4);
  if (scope.status === 'DENIED' && random.chance(0.5))
    return [approval('SPONSOR', sponsorId, 'DENY', decidedAt, denialReason)];
  return [
    approval('SPONSOR', sponsorId, 'APPROVE', sponsorAt, null),
    approval('SECURITY', securityId, scope.status === 'DENIED' ? 'DENY' : 'APPROVE', decidedAt, denialReason),
  ];
}

function revocation(context: Context, scope: Pick<ScopeRequest, 'status'>, sponsorId: string) {
  if (scope.status !== 'REVOKED') return { revokedById: null, revocationReason: null };
  const { random, people } = context;
  return {
    revokedById: random.pick([sponsorId, people.demo.security.row.id]),
    revocationReason: random.pick([
      'Task cancelled by the requester.',
      'Agent behaved unexpectedly; stopping it.',
      'Superseded by a narrower request.',
      'Incident closed early.',
    ]),
  };
}

function scopeRequest(
  context: Context,
  agent: Identity,
  status: ScopeStatus,
): { scope: ScopeRequest; initiator: Person; denialReason: string | null } {
  const { random, now, people } = context;
  const template = TASK_TEMPLATES[random.pick(agent.agent!.tasks)];
  const actions = [...template.actions];
  const cap = ttlCapSeconds(POLICY, actions);
  const requestedTtl = Math.min(cap, random.pick(template.ttlSeconds) * (random.chance(0.1) ? 3 : 1));
  const times = timeline(random, now, status, requestedTtl);
  const sponsorId = agent.row.sponsorId!;
  const initiator = pickInitiator(random, people, agent, sponsorId, times.requestedAt);
  const colleague = random.pick(people.all.filter((person) => person.row.status === 'ACTIVE' && person !== initiator));
  const draft = template.draft(random, colleague.row.email, times.requestedAt);
  const risk = assessRisk(POLICY, { actions, resources: draft.resources, ttlSeconds: requestedTtl, maxUses: null });
  const denialReason = status === 'DENIED' ? random.pick(template.denialReasons) : null;
  const scope: ScopeRequest = {
    id: random.id(),
    nhiId: agent.row.id,
    task: draft.task,
    justification: draft.justification,
    actions: JSON.stringify(template.actions),
    resources: JSON.stringify(draft.resources),
    requestedResources: JSON.stringify(draft.resources),
    maxUses: null,
    useCount: 0,
    requestedTtlSeconds: requestedTtl,
    approvedTtlSeconds: times.approvedTtlSeconds,
    initiatorId: initiator.row.id,
    status,
    stateChanging: risk.stateChanging,
    riskScore: risk.score,
    needsSecurityApproval: risk.needsSecurityApproval,
    denialReason,
    requestedAt: times.requestedAt,
    decidedAt: times.decidedAt,
    expiresAt: times.expiresAt,
    completedAt: times.completedAt,
    revokedAt: times.revokedAt,
    ...revocation(context, { status }, sponsorId),
    updatedAt: times.completedAt ?? times.revokedAt ?? times.decidedAt ?? times.requestedAt,
  };
  return { scope, initiator, denialReason };
}

function tokenFor(
  context: Context,
  scope: ScopeRequest,
  agent: Identity,
): { token: TaskToken; credential: Credential } {
  const { random } = context;
  const tokenHash = createHash('sha256')
    .update(`stw_task_${random.base62(40)}`)
    .digest('hex');
  const issuedAt = new Date(scope.decidedAt!.getTime() + random.int(2, 90) * 1000);
  const endedAt = scope.completedAt ?? scope.revokedAt;
  const status = scope.status === 'APPROVED' ? 'ACTIVE' : scope.status === 'EXPIRED' ? 'EXPIRED' : 'REVOKED';
  context.fingerprints.add(`sha256:${tokenHash}`);
  const credential = searchable({
    id: random.id(),
    kind: 'TASK_TOKEN',
    name: `task token: ${scope.task}`,
    system: 'steward',
    fingerprint: `sha256:${tokenHash}`,
    environment: agent.row.environment,
    status,
    subjectHumanId: null,
    subjectNhiId: agent.row.id,
    holderNhiId: agent.row.id,
    issuedAt,
    expiresAt: scope.expiresAt,
    lastUsedAt: null,
    lastRotatedAt: null,
    revokedAt: endedAt,
    revokedById: scope.revokedById,
    revocationReason: scope.completedAt ? 'Task completed' : scope.revocationReason,
    createdAt: issuedAt,
    updatedAt: endedAt ?? issuedAt,
  });
  const token: TaskToken = {
    id: random.id(),
    tokenHash,
    scopeRequestId: scope.id,
    credentialId: credential.id,
    issuedAt,
    expiresAt: scope.expiresAt!,
  };
  return { token, credential };
}

/** Which agent each request is for: the demo sponsor's agents get their share of the pending queue. */
function requestPlan(random: Random, agents: Identity[], people: People): { agent: Identity; status: ScopeStatus }[] {
  const demoSponsorId = people.demo.sponsor.row.id;
  const demoSponsorAgents = agents.filter((agent) => agent.row.sponsorId === demoSponsorId);
  const otherAgents = agents.filter((agent) => agent.row.sponsorId !== demoSponsorId);
  return STATUS_COUNTS.flatMap(([status, count]) =>
    Array.from({ length: count }, (_, index) => {
      const forDemoSponsor = status === 'PENDING' ? index < DEMO_SPONSOR_PENDING : random.chance(0.25);
      return { agent: random.pick(forDemoSponsor ? demoSponsorAgents : otherAgents), status };
    }),
  );
}

/** Task-scope requests of every status, their approvals, and the task tokens issued for approved ones. */
export function generateScopes(
  random: Random,
  now: Date,
  people: People,
  identities: Identities,
  fingerprints: Set<string>,
): Scopes {
  const context: Context = { random, now, people, fingerprints };
  const result: Scopes = { requests: [], approvals: [], taskTokens: [], tokenCredentials: [], windows: [] };
  let approvedWithoutToken = 0;
  for (const { agent, status } of requestPlan(random, eligibleAgents(identities, people), people)) {
    const { scope, initiator, denialReason } = scopeRequest(context, agent, status);
    result.requests.push(scope);
    result.approvals.push(...approvalsFor(context, scope, agent.row.sponsorId!, denialReason));
    if (status === 'PENDING' || status === 'DENIED') continue;
    if (status === 'APPROVED' && approvedWithoutToken < APPROVED_WITHOUT_TOKEN) {
      approvedWithoutToken += 1;
      continue;
    }
    const { token, credential } = tokenFor(context, scope, agent);
    result.taskTokens.push(token);
    result.tokenCredentials.push(credential);
    const until = new Date(
      Math.min((scope.completedAt ?? scope.revokedAt ?? scope.expiresAt!).getTime(), now.getTime()),
    );
    const [actions, resources] = [JSON.parse(scope.actions) as string[], JSON.parse(scope.resources) as string[]];
    result.windows.push({
      scope,
      agent,
      initiator,
      token: credential,
      actions,
      resources,
      from: token.issuedAt,
      until,
    });
  }
  return result;
}
