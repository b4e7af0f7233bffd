import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as evaluationRoute from '../../app/access/v1/evaluation/route';
import * as evaluationsRoute from '../../app/access/v1/evaluations/route';
import * as metadataRoute from '../../app/.well-known/authzen-configuration/route';
import type { HumanActor, KeyActor } from '../../lib/auth/actor';
import { authenticateApiKey, generateApiKey, hashSecret } from '../../lib/auth/api-keys';
import { getDb, transaction } from '../../lib/db';
import type { ApiKeyKind } from '../../lib/db/generated/sqlite/enums';
import { fetchTaskToken, requestScope } from '../../lib/scopes/agent';
import { approveScope } from '../../lib/scopes/approvals';
import { createPerson } from '../support/people';

const READ = 'github:pulls.read';
const WRITE = 'github:pulls.write';
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

let sponsor: HumanActor;
let initiator: HumanActor;
let agent: KeyActor;
let nhi: { id: string; name: string };
let gatewayKey: string;
let agentKey: string;

async function createKey(kind: ApiKeyKind, nhiId: string | null = null): Promise<string> {
  const { secret, prefix, keyHash } = generateApiKey(kind);
  await transaction((tx) => tx.apiKey.create({ data: { kind, name: `authzen ${prefix}`, prefix, keyHash, nhiId } }));
  return secret;
}

/** A task token for an approved scope, driven through the agent's and the sponsor's own use cases. */
async function taskToken(resources = ['github:acme/payments/*'], maxUses: number | null = null) {
  const { id } = await requestScope(agent, {
    task: 'Review the payments pull requests',
    justification: 'The release needs a second look at every open pull request.',
    actions: [READ],
    resources,
    ttlSeconds: 3600,
    initiator: initiator.email,
    maxUses,
  });
  await approveScope(sponsor, { scopeId: id });
  const { token } = await fetchTaskToken(agent, { id });
  return { scopeId: id, token };
}

const subjectWith = (token: string, id = nhi.id) => ({ type: 'agent', id, properties: { token } });
const pull = (number: number, repository = 'acme/payments') => ({
  type: 'github',
  id: `${repository}/pulls/${number}`,
});

type Sent = { key?: string | null; headers?: Record<string, string>; raw?: string };

function post(route: 'evaluation' | 'evaluations', body: unknown, sent: Sent = {}) {
  const key = sent.key === undefined ? gatewayKey : sent.key;
  const handler = route === 'evaluation' ? evaluationRoute.POST : evaluationsRoute.POST;
  return handler(
    new Request(`http://localhost/access/v1/${route}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Forwarded-For': '203.0.113.9',
        ...(key ? { Authorization: `Bearer ${key}` } : {}),
        ...sent.headers,
      },
      body: sent.raw ?? JSON.stringify(body),
    }),
  );
}

async function chainHead(): Promise<number> {
  const db = await getDb();
  return (await db.auditChainHead.findUnique({ where: { id: 1 } }))?.seq ?? 0;
}

async function recorded(eventId: string) {
  const db = await getDb();
  const event = await db.auditEvent.findUniqueOrThrow({ where: { seq: Number(eventId) } });
  return { ...event, details: JSON.parse(event.details) as Record<string, unknown> };
}

type Answer = { decision: boolean; context?: { reason?: string; eventId?: string; error?: { status: number } } };

beforeAll(async () => {
  sponsor = await createPerson('SPONSOR');
  initiator = await createPerson(null);
  const db = await getDb();
  nhi = await db.nhi.create({
    data: {
      name: `release-bot-${randomUUID().slice(0, 8)}`,
      kind: 'AI_AGENT',
      system: 'github',
      externalId: randomUUID(),
      sponsorId: sponsor.humanId,
    },
    select: { id: true, name: true },
  });
  agentKey = await createKey('AGENT', nhi.id);
  agent = (await authenticateApiKey(agentKey)) as KeyActor;
  gatewayKey = await createKey('GATEWAY');
});

describe('POST /access/v1/evaluation', () => {
  it('allows an action inside the approved scope, chain-logs it with its correlation id, and echoes X-Request-ID', async () => {
    const { token, scopeId } = await taskToken();
    const before = await chainHead();
    const response = await post(
      'evaluation',
      {
        subject: subjectWith(token),
        action: { name: READ },
        resource: pull(7),
        context: { ticket: 'REL-42' },
      },
      { headers: { 'X-Request-ID': 'bfe9eb29-ab87-4ca3-be83-a1d5d8305716', traceparent: TRACEPARENT } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-request-id')).toBe('bfe9eb29-ab87-4ca3-be83-a1d5d8305716');
    const answer = (await response.json()) as Answer;
    expect(answer).toEqual({ decision: true, context: { reason: 'ALLOWED', eventId: String(before + 1) } });
    expect(await chainHead()).toBe(before + 1);
    const event = await recorded(answer.context?.eventId ?? '');
    expect(event).toMatchObject({
      action: 'runtime.authorize',
      resource: 'github:acme/payments/pulls/7',
      outcome: 'SUCCESS',
      attribution: 'AGENT_DELEGATED',
      executorId: nhi.id,
      initiatorId: initiator.humanId,
      credentialKind: 'TASK_TOKEN',
      scopeId,
    });
    expect(event.details).toMatchObject({
      decision: 'allow',
      reason: 'ALLOWED',
      via: 'authzen',
      correlationId: TRACEPARENT,
      context: { ticket: 'REL-42' },
    });
    expect(JSON.stringify(event)).not.toContain(token);
  });

  it('denies, and records, what lies outside the scope; the subject may be named by the NHI’s name', async () => {
    const { token } = await taskToken();
    const before = await chainHead();
    const ask = async (body: Record<string, unknown>) => (await (await post('evaluation', body)).json()) as Answer;
    const base = { subject: subjectWith(token, nhi.name), action: { name: READ }, resource: pull(1) };
    expect(await ask(base)).toMatchObject({ decision: true, context: { reason: 'ALLOWED' } });
    expect(await ask({ ...base, resource: pull(1, 'acme/web') })).toMatchObject({
      decision: false,
      context: { reason: 'RESOURCE_NOT_IN_SCOPE' },
    });
    expect(await ask({ ...base, action: { name: WRITE } })).toMatchObject({
      decision: false,
      context: { reason: 'ACTION_NOT_IN_SCOPE' },
    });
    expect(await ask({ ...base, resource: { type: 'github', id: 'github:acme/payments/pulls/2' } })).toMatchObject({
      decision: true,
    });
    expect(await ask({ ...base, subject: subjectWith(token, 'some-other-agent') })).toMatchObject({
      decision: false,
      context: { reason: 'TOKEN_UNKNOWN' },
    });
    expect(await chainHead()).toBe(before + 5);
  });

  it('denies a subject without a task token or of another type, and records nothing for it', async () => {
    const db = await getDb();
    const before = await chainHead();
    const windows = await db.unknownTokenWindow.count();
    for (const subject of [
      { type: 'agent', id: nhi.id },
      { type: 'user', id: 'alice@example.com' },
    ]) {
      const response = await post('evaluation', { subject, action: { name: READ }, resource: pull(7) });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ decision: false, context: { reason: 'TOKEN_UNKNOWN' } });
    }
    expect(await chainHead()).toBe(before);
    expect(await db.unknownTokenWindow.count()).toBe(windows);
  });

  it('denies an unknown task token, recording the first of the minute from this address and counting the rest', async () => {
    const before = await chainHead();
    const body = { subject: subjectWith('stw_task_neverissued'), action: { name: READ }, resource: pull(7) };
    const headers = { 'X-Forwarded-For': '198.51.100.23' };
    const first = (await (await post('evaluation', body, { headers })).json()) as Answer;
    const second = (await (await post('evaluation', body, { headers })).json()) as Answer;
    expect(first).toMatchObject({ decision: false, context: { reason: 'TOKEN_UNKNOWN', eventId: String(before + 1) } });
    expect(second).toMatchObject({ decision: false, context: { reason: 'TOKEN_UNKNOWN' } });
    expect(await chainHead()).toBe(before + 1);
  });

  it('refuses malformed requests with 400 and the error body, writing nothing', async () => {
    const { token } = await taskToken();
    const db = await getDb();
    const before = await chainHead();
    const freshKey = await createKey('GATEWAY');
    const valid = { subject: subjectWith(token), action: { name: READ }, resource: pull(7) };
    const cases: [string, unknown, Sent][] = [
      ['missing subject', { action: valid.action, resource: valid.resource }, {}],
      ['missing action', { subject: valid.subject, resource: valid.resource }, {}],
      ['missing resource', { subject: valid.subject, action: valid.action }, {}],
      ['resource without id', { ...valid, resource: { type: 'github' } }, {}],
      ['action name a number', { ...valid, action: { name: 123 } }, {}],
      ['subject a string', { ...valid, subject: 'release-bot' }, {}],
      ['malformed JSON', null, { raw: '{"subject": ' }],
      ['empty body', null, { raw: '' }],
      ['a JSON array', [valid], {}],
      ['text/plain', valid, { headers: { 'Content-Type': 'text/plain' } }],
    ];
    for (const [name, body, sent] of cases) {
      const response = await post('evaluation', body, {
        ...sent,
        key: freshKey,
        headers: { 'X-Request-ID': `bad-${name}`, ...sent.headers },
      });
      expect({ name, status: response.status }).toEqual({ name, status: 400 });
      expect(response.headers.get('x-request-id')).toBe(`bad-${name}`);
      const error = (await response.json()) as { error: { code: string; message: string } };
      expect(error.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    }
    expect(await chainHead()).toBe(before);
    const unused = await db.apiKey.findFirstOrThrow({ where: { keyHash: hashSecret(freshKey) } });
    expect(unused.lastUsedAt).toBeNull();
    await post('evaluation', valid, { key: freshKey });
    const used = await db.apiKey.findUniqueOrThrow({ where: { id: unused.id } });
    expect(used.lastUsedAt).toEqual(expect.any(Date));
  });

  it('answers 401 with a Bearer challenge without a gateway key, 403 to another kind of key, 405 to GET', async () => {
    const { token } = await taskToken();
    const before = await chainHead();
    const body = { subject: subjectWith(token), action: { name: READ }, resource: pull(7) };
    for (const key of [null, 'stw_gateway_unknown']) {
      const response = await post('evaluation', body, { key });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    for (const key of [agentKey, await createKey('AUDIT')]) {
      const response = await post('evaluation', body, { key });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    const refused = await evaluationRoute.GET();
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('POST');
    expect(await chainHead()).toBe(before);
  });
});

describe('POST /access/v1/evaluations', () => {
  it('decides every item under execute_all with the top-level defaults, each chain-logged, in order', async () => {
    const { token } = await taskToken();
    const before = await chainHead();
    const response = await post(
      'evaluations',
      {
        subject: subjectWith(token),
        action: { name: READ },
        context: { batch: 'nightly' },
        evaluations: [
          { resource: pull(1) },
          { resource: pull(2, 'acme/web') },
          { resource: pull(3), context: { batch: 'override' } },
          { action: { name: WRITE }, resource: pull(4) },
          {},
        ],
      },
      { headers: { 'X-Request-ID': 'batch-1' } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('batch-1');
    const { evaluations } = (await response.json()) as { evaluations: Answer[] };
    expect(evaluations.map((answer) => [answer.decision, answer.context?.reason])).toEqual([
      [true, 'ALLOWED'],
      [false, 'RESOURCE_NOT_IN_SCOPE'],
      [true, 'ALLOWED'],
      [false, 'ACTION_NOT_IN_SCOPE'],
      [false, undefined],
    ]);
    expect(evaluations[4].context?.error?.status).toBe(400);
    expect(await chainHead()).toBe(before + 4);
    const events = await Promise.all(evaluations.slice(0, 4).map((answer) => recorded(answer.context?.eventId ?? '')));
    expect(events.map((event) => event.resource)).toEqual([
      'github:acme/payments/pulls/1',
      'github:acme/web/pulls/2',
      'github:acme/payments/pulls/3',
      'github:acme/payments/pulls/4',
    ]);
    expect(events.map((event) => event.details.context)).toEqual([
      { batch: 'nightly' },
      { batch: 'nightly' },
      { batch: 'override' },
      { batch: 'nightly' },
    ]);
  });

  it('stops at the first deny or the first permit, and decides, records and counts nothing after it', async () => {
    const { token, scopeId } = await taskToken(['github:acme/payments/*'], 3);
    const db = await getDb();
    const items = (resources: ReturnType<typeof pull>[]) => resources.map((resource) => ({ resource }));
    const body = (semantic: string, resources: ReturnType<typeof pull>[]) => ({
      subject: subjectWith(token),
      action: { name: READ },
      options: { evaluations_semantic: semantic },
      evaluations: items(resources),
    });

    let before = await chainHead();
    const denyFirst = (await (
      await post('evaluations', body('deny_on_first_deny', [pull(1), pull(2, 'acme/web'), pull(3)]))
    ).json()) as { evaluations: Answer[] };
    expect(denyFirst.evaluations.map((answer) => answer.decision)).toEqual([true, false]);
    expect(await chainHead()).toBe(before + 2);

    before = await chainHead();
    const permitFirst = (await (
      await post('evaluations', body('permit_on_first_permit', [pull(1, 'acme/web'), pull(2), pull(3)]))
    ).json()) as { evaluations: Answer[] };
    expect(permitFirst.evaluations.map((answer) => answer.decision)).toEqual([false, true]);
    expect(await chainHead()).toBe(before + 2);
    expect((await db.scopeRequest.findUniqueOrThrow({ where: { id: scopeId } })).useCount).toBe(2);

    const rest = (await (await post('evaluations', body('execute_all', [pull(5), pull(6), pull(7)]))).json()) as {
      evaluations: Answer[];
    };
    expect(rest.evaluations.map((answer) => answer.context?.reason)).toEqual([
      'ALLOWED',
      'SCOPE_EXHAUSTED',
      'SCOPE_EXHAUSTED',
    ]);
  });

  it('answers like the single form when evaluations is absent or empty', async () => {
    const { token } = await taskToken();
    const single = { subject: subjectWith(token), action: { name: READ }, resource: pull(9) };
    for (const body of [single, { ...single, evaluations: [] }]) {
      const response = await post('evaluations', body);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        decision: true,
        context: { reason: 'ALLOWED', eventId: expect.any(String) },
      });
    }
    const incomplete = await post('evaluations', { subject: single.subject, evaluations: [] });
    expect(incomplete.status).toBe(400);
  });

  it('refuses a malformed batch as a whole, writing nothing', async () => {
    const { token } = await taskToken();
    const before = await chainHead();
    const item = { resource: pull(1) };
    for (const body of [
      { subject: 'release-bot', action: { name: READ }, evaluations: [item] },
      { subject: subjectWith(token), action: { name: READ }, evaluations: 'all' },
      {
        subject: subjectWith(token),
        action: { name: READ },
        evaluations: [item],
        options: { evaluations_semantic: 'any' },
      },
      { subject: subjectWith(token), action: { name: READ }, evaluations: Array(101).fill(item) },
    ]) {
      const response = await post('evaluations', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } });
    }
    expect(await chainHead()).toBe(before);
  });
});

describe('GET /.well-known/authzen-configuration', () => {
  it('publishes the evaluation endpoints, to anyone', async () => {
    const response = await metadataRoute.GET(new Request('http://localhost:3000/.well-known/authzen-configuration'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const metadata = (await response.json()) as Record<string, string>;
    const origin = metadata.policy_decision_point;
    expect(metadata).toEqual({
      policy_decision_point: origin,
      access_evaluation_endpoint: `${origin}/access/v1/evaluation`,
      access_evaluations_endpoint: `${origin}/access/v1/evaluations`,
    });
    expect(new URL(origin).pathname).toBe('/');
    expect((await metadataRoute.POST()).status).toBe(405);
  });
});
