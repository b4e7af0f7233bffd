import { describe, expect, it } from 'vitest';
import type { AuditEventView, AuditPrincipalView } from '../../lib/audit/explorer';
import { apiActivityId, OCSF_VERSION, toOcsf, type OcsfEvent } from '../../lib/audit/ocsf';

/**
 * Required attributes per class, read from the OCSF schema repository (github.com/ocsf/ocsf-schema) at v1.8.0
 * (commit 3dcb905d, "v1.8.0 prep"): each class file's `attributes` with `"requirement": "required"`, together with
 * those it inherits through `extends` from events/base_event.json and its category file
 * (events/application/application.json, events/iam/iam.json).
 *   events/iam/authentication.json              3002
 *   events/iam/authorize_session.json           3003
 *   events/iam/user_access.json                 3005
 *   events/application/api_activity.json        6003
 *   events/application/web_resource_access_activity.json 6004
 */
const BASE_REQUIRED = ['activity_id', 'category_uid', 'class_uid', 'metadata', 'severity_id', 'time', 'type_uid'];
const REQUIRED_BY_CLASS: Record<number, string[]> = {
  3002: [...BASE_REQUIRED, 'user'],
  3003: [...BASE_REQUIRED, 'user'],
  3005: [...BASE_REQUIRED, 'privileges', 'user'],
  6003: [...BASE_REQUIRED, 'actor', 'api', 'src_endpoint'],
  6004: [...BASE_REQUIRED, 'http_request', 'web_resources'],
};
const CATEGORY_OF_CLASS: Record<number, number> = { 3002: 3, 3003: 3, 3005: 3, 6003: 6, 6004: 6 };
/** activity_id values each class defines (its `activity_id.enum`), besides base_event's 0 Unknown and 99 Other. */
const ACTIVITIES: Record<number, number[]> = {
  3002: [1, 2, 3, 4, 5, 6, 7],
  3003: [1, 2, 3],
  3005: [1, 2, 3, 4],
  6003: [1, 2, 3, 4],
  6004: [1, 2, 3, 4],
};

/** Objects' own required attributes and `at_least_one` constraints (objects/*.json at the same version). */
const OBJECT_RULES: Record<string, { required?: string[]; atLeastOne?: string[] }> = {
  metadata: { required: ['product', 'version'] },
  product: { atLeastOne: ['name', 'uid'] },
  api: { required: ['operation'] },
  actor: { atLeastOne: ['process', 'user', 'invoked_by', 'session', 'app_name', 'app_uid'] },
  user: { atLeastOne: ['account', 'name', 'uid'] },
  network_endpoint: {
    atLeastOne: [
      'ip',
      'uid',
      'name',
      'hostname',
      'svc_name',
      'instance_uid',
      'interface_uid',
      'interface_name',
      'domain',
    ],
  },
  url: { atLeastOne: ['url_string', 'path'] },
  policy: { atLeastOne: ['name', 'type', 'uid'] },
};

function present(value: unknown): boolean {
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

function checkObject(kind: string, value: unknown, where: string): string[] {
  if (!present(value)) return [];
  const object = value as Record<string, unknown>;
  const rules = OBJECT_RULES[kind];
  const problems = (rules.required ?? []).filter((name) => !present(object[name])).map((name) => `${where}.${name}`);
  if (rules.atLeastOne && !rules.atLeastOne.some((name) => present(object[name])))
    problems.push(`${where}: one of ${rules.atLeastOne.join(', ')}`);
  return problems;
}

/** The attributes an event lacks for its class, by the rules above; empty when it validates. */
function validate(event: OcsfEvent): string[] {
  const required = REQUIRED_BY_CLASS[event.class_uid];
  if (!required) return [`unknown class ${event.class_uid}`];
  const problems = required.filter((name) => !present(event[name]));
  if (event.category_uid !== CATEGORY_OF_CLASS[event.class_uid]) problems.push('category_uid');
  if (event.type_uid !== event.class_uid * 100 + event.activity_id) problems.push('type_uid');
  if (![0, 99, ...ACTIVITIES[event.class_uid]].includes(event.activity_id)) problems.push('activity_id');
  if (![1, 2, 3, 4, 5, 6, 99, 0].includes(event.severity_id)) problems.push('severity_id');
  if (![0, 1, 2, 99].includes(event.status_id)) problems.push('status_id');
  if (!Number.isInteger(event.time)) problems.push('time');
  const metadata = event.metadata;
  problems.push(...checkObject('metadata', metadata, 'metadata'));
  problems.push(...checkObject('product', metadata.product, 'metadata.product'));
  const actor = event.actor as Record<string, unknown> | undefined;
  problems.push(...checkObject('actor', actor, 'actor'));
  problems.push(...checkObject('user', actor?.user, 'actor.user'));
  for (const [index, authorization] of ((actor?.authorizations as Record<string, unknown>[]) ?? []).entries())
    problems.push(...checkObject('policy', authorization.policy, `actor.authorizations[${index}].policy`));
  problems.push(...checkObject('user', event.user, 'user'));
  problems.push(...checkObject('api', event.api, 'api'));
  problems.push(...checkObject('network_endpoint', event.src_endpoint, 'src_endpoint'));
  const request = event.http_request as Record<string, unknown> | undefined;
  problems.push(...checkObject('url', request?.url, 'http_request.url'));
  if (event.class_uid === 6004 && present(actor) && !(metadata.profiles as string[] | undefined)?.includes('host'))
    problems.push('actor without the host profile');
  return problems;
}

const priya: AuditPrincipalView = {
  type: 'HUMAN',
  id: 'h1',
  label: 'priya@acme.example',
  name: 'Priya Natarajan',
  email: 'priya@acme.example',
};
const agent: AuditPrincipalView = {
  type: 'NHI',
  id: 'n1',
  label: 'pr-review-agent',
  name: 'pr-review-agent',
  email: null,
};
const job: AuditPrincipalView = { type: 'SYSTEM', id: null, label: 'scope-expiry', name: null, email: null };
const nobody: AuditPrincipalView = { type: 'UNKNOWN', id: null, label: null, name: null, email: null };

function event(overrides: Partial<AuditEventView>): AuditEventView {
  return {
    seq: 42,
    occurredAt: '2026-11-30T10:00:00.000Z',
    recordedAt: '2026-11-30T10:00:00.250Z',
    source: 'steward',
    sourceEventId: null,
    action: 'nhi.update',
    resource: 'nhi:n1',
    outcome: 'SUCCESS',
    initiator: priya,
    executor: priya,
    credential: null,
    attribution: 'HUMAN',
    storedAttribution: 'HUMAN',
    borrowedCaseId: null,
    scopeId: null,
    environment: null,
    correlationId: null,
    details: {},
    chain: { hashVersion: 1, prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) },
    ...overrides,
  };
}

const taskToken = {
  id: 'c1',
  kind: 'TASK_TOKEN' as const,
  subjectType: 'NHI' as const,
  name: 'task token',
  subjectHumanName: null,
};
const scopeFacts = {
  task: 'Review PR #7',
  actions: ['github:pulls.read'],
  resources: ['github:acme/payments/*'],
  nhiId: 'n1',
  nhiName: 'pr-review-agent',
};

const SAMPLES: [string, AuditEventView, number][] = [
  ['a sign-in', event({ action: 'auth.sign_in', resource: null, details: { ip: '192.0.2.1' } }), 3002],
  [
    'a failed sign-in of an unknown email',
    event({
      action: 'auth.sign_in_failed',
      outcome: 'FAILURE',
      initiator: nobody,
      executor: nobody,
      attribution: 'UNKNOWN',
      storedAttribution: 'UNKNOWN',
      details: { email: 'who@example.com' },
    }),
    3002,
  ],
  [
    'an imported sign-in',
    event({
      source: 'entra',
      action: 'Sign-in activity',
      initiator: { ...priya, id: null, name: null },
      executor: { ...priya, id: null, name: null },
    }),
    3002,
  ],
  ['a sign-out', event({ action: 'auth.sign_out' }), 3002],
  [
    'a task token issued',
    event({
      action: 'scope.token_issue',
      initiator: agent,
      executor: agent,
      attribution: 'AGENT_DELEGATED',
      scopeId: 's1',
      details: { nhiId: 'n1', tokenId: 't1', prefix: 'stw_task_ab', expiresAt: '2026-11-30T10:30:00.000Z' },
    }),
    3003,
  ],
  [
    'a scope approved',
    event({
      action: 'scope.approve',
      scopeId: 's1',
      details: { nhiId: 'n1', task: 'Review PR #7', actions: ['github:pulls.read'], resources: ['github:acme/*'] },
    }),
    3005,
  ],
  [
    'a scope denied',
    event({ action: 'scope.deny', outcome: 'SUCCESS', scopeId: 's1', details: { nhiId: 'n1', reason: 'Not now' } }),
    3005,
  ],
  [
    'a scope revoked by an expiry job',
    event({
      action: 'scope.revoke',
      initiator: job,
      executor: job,
      attribution: 'AGENT_AUTONOMOUS',
      scopeId: 's1',
      details: { nhiId: 'n1', tokenId: 't1', reason: null, via: 'scope' },
    }),
    3005,
  ],
  [
    'an allowed decision',
    event({
      action: 'runtime.authorize',
      resource: 'github:acme/payments/pull/7',
      initiator: priya,
      executor: agent,
      credential: taskToken,
      attribution: 'AGENT_DELEGATED',
      storedAttribution: 'AGENT_DELEGATED',
      scopeId: 's1',
      correlationId: '0af7651916cd43dd8448eb211c80319c',
      details: {
        decision: 'allow',
        reason: 'ALLOWED',
        requestedAction: 'github:pulls.read',
        via: 'authorize',
        correlationId: '0af7651916cd43dd8448eb211c80319c',
        clientAddress: '192.0.2.10',
      },
    }),
    6004,
  ],
  [
    'a denied decision on an unknown token',
    event({
      action: 'runtime.authorize',
      resource: 'github:acme/payments',
      outcome: 'DENIED',
      initiator: nobody,
      executor: nobody,
      attribution: 'UNKNOWN',
      details: { decision: 'deny', reason: 'TOKEN_UNKNOWN', requestedAction: 'github:pulls.merge', via: 'authzen' },
    }),
    6004,
  ],
  [
    'an agent using a borrowed access key',
    event({
      source: 'cloudtrail',
      sourceEventId: 'ct-1',
      action: 'GetObject',
      resource: 'aws:s3:::payments/report.csv',
      initiator: { ...priya, id: null, name: null, label: 'alice.chen', email: null },
      executor: { ...priya, id: null, name: null, label: 'alice.chen', email: null },
      credential: { id: null, kind: 'ACCESS_KEY', subjectType: 'HUMAN', name: null, subjectHumanName: null },
      attribution: 'AGENT_BORROWED',
      storedAttribution: 'HUMAN',
      borrowedCaseId: 'case-1',
      details: { ip: '198.51.100.7', userAgent: 'aws-sdk-go/1.0' },
    }),
    6003,
  ],
  [
    'an agent on its own, started by a trigger',
    event({
      source: 'github',
      action: 'git.push',
      initiator: { ...job, label: 'cron' },
      executor: agent,
      attribution: 'AGENT_AUTONOMOUS',
      storedAttribution: 'AGENT_AUTONOMOUS',
    }),
    6003,
  ],
  [
    'nobody known at all',
    event({
      source: 'okta',
      action: 'zzz',
      resource: null,
      initiator: nobody,
      executor: nobody,
      attribution: 'UNKNOWN',
    }),
    6003,
  ],
];

describe('OCSF output', () => {
  it.each(SAMPLES)('maps %s to a valid event of its class', (_, sample, classUid) => {
    const ocsf = toOcsf(sample, { scopes: new Map([['s1', scopeFacts]]) });
    expect(ocsf.class_uid).toBe(classUid);
    expect(validate(ocsf)).toEqual([]);
    expect(ocsf.metadata).toMatchObject({ version: OCSF_VERSION, uid: '42', product: { name: 'Steward' } });
    expect(ocsf.time).toBe(Date.parse('2026-11-30T10:00:00.000Z'));
    expect(JSON.parse(JSON.stringify(ocsf))).toEqual(ocsf);
  });

  it('keeps who asked and what acted both', () => {
    const [, decision] = SAMPLES.find(([name]) => name === 'an allowed decision')!;
    const ocsf = toOcsf(decision);
    expect(ocsf.activity_id).toBe(1);
    expect(ocsf.type_uid).toBe(600401);
    expect(ocsf.actor).toMatchObject({
      user: { uid: 'h1', full_name: 'Priya Natarajan', type_id: 1 },
      app_uid: 'n1',
      app_name: 'pr-review-agent',
      authorizations: [{ decision: 'allow', policy: { uid: 's1' } }],
    });
    expect(ocsf.metadata.correlation_uid).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(ocsf.unmapped).toMatchObject({
      steward: {
        initiator: { type: 'HUMAN', id: 'h1' },
        executor: { type: 'NHI', id: 'n1' },
        attribution: 'AGENT_DELEGATED',
      },
    });
    expect(ocsf.message).toBe('Priya Natarajan → pr-review-agent, with its task token');
  });

  it('marks denials, failures and borrowed credentials in status and severity', () => {
    const denied = toOcsf(SAMPLES.find(([name]) => name.startsWith('a denied decision'))![1]);
    expect(denied).toMatchObject({
      activity_id: 2,
      status_id: 2,
      status_detail: 'Denied: TOKEN_UNKNOWN',
      severity_id: 2,
    });
    const borrowed = toOcsf(SAMPLES.find(([name]) => name.startsWith('an agent using a borrowed'))![1]);
    expect(borrowed).toMatchObject({ severity_id: 3, status_id: 1, activity_id: 2 });
    expect(borrowed.unmapped).toMatchObject({ steward: { attribution: 'AGENT_BORROWED', storedAttribution: 'HUMAN' } });
  });

  it('fills a grant’s privileges from its scope when the event does not repeat them', () => {
    const revoke = SAMPLES.find(([name]) => name.startsWith('a scope revoked'))![1];
    const ocsf = toOcsf(revoke, { scopes: new Map([['s1', scopeFacts]]) });
    expect(ocsf).toMatchObject({
      activity_id: 2,
      privileges: ['github:pulls.read'],
      user: { uid: 'n1', name: 'pr-review-agent' },
    });
  });

  it('reads API Activity’s create, read, update and delete from the action’s verb', () => {
    expect(apiActivityId('nhi.create')).toBe(1);
    expect(apiActivityId('GetObject')).toBe(2);
    expect(apiActivityId('storage.objects.list')).toBe(2);
    expect(apiActivityId('nhi.suspend')).toBe(3);
    expect(apiActivityId('credential.revoke')).toBe(4);
    expect(apiActivityId('DeleteBucket')).toBe(4);
    expect(apiActivityId('zzz')).toBe(99);
  });
});
