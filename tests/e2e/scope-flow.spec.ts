import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import {
  approveAsSponsor,
  recordedEvents,
  seedFlow,
  type ChildTarget,
  type SeededFlow,
} from './support/scope-flow-children';
import { postgresAvailable, startPostgresApp, type PostgresApp } from './support/scope-flow-postgres';

/**
 * The task-scope flow over real HTTP against `npm start`, on both databases: an agent asks for a scope, waits,
 * its sponsor approves while it long-polls, it fetches its task token once, acts inside and outside the scope,
 * completes, and the audit chain still verifies.
 */

const root = process.cwd();
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const APPROVED_TTL_SECONDS = 900;
const SHORT_WAIT_SECONDS = 2;
const LONG_WAIT_SECONDS = 20;
/** How much later than the decision a long poll may answer: its step is 500 ms, plus a read and the round trip. */
const LONG_POLL_SLACK_MS = 2_500;
const FLOW_TIMEOUT_MS = 120_000;

type Target = ChildTarget & { seeded: SeededFlow };

function bearer(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}` };
}

async function body(response: APIResponse): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

async function expectAnswer(response: APIResponse, status: number): Promise<Record<string, unknown>> {
  expect(response.status(), `${response.url()}: ${await response.text()}`).toBe(status);
  return body(response);
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; endedAt: number }> {
  const started = performance.now();
  const value = await work();
  const endedAt = performance.now();
  return { value, ms: endedAt - started, endedAt };
}

function note(step: string, ms: number): void {
  test.info().annotations.push({ type: 'timing', description: `${step}: ${Math.round(ms)} ms` });
}

async function runFlow(api: APIRequestContext, target: Target): Promise<void> {
  const { agentKey, auditKey, initiatorEmail, initiatorId, nhiId, sponsorEmail } = target.seeded;
  const agent = bearer(agentKey);

  const requested = await expectAnswer(
    await api.post('/api/v1/scope-requests', {
      headers: agent,
      data: {
        task: 'Review PR #7',
        justification: 'The author asked for a review of the payment retries.',
        actions: ['github:pulls.read', 'github:contents.read'],
        resources: ['github:acme/payments/*'],
        ttlSeconds: 1800,
        initiator: initiatorEmail,
      },
    }),
    201,
  );
  expect(requested).toEqual({ id: expect.any(String), status: 'PENDING' });
  const id = requested.id as string;
  const statusUrl = `/api/v1/scope-requests/${id}`;

  const shortWait = await timed(() => api.get(`${statusUrl}?wait=${SHORT_WAIT_SECONDS}`, { headers: agent }));
  expect(await expectAnswer(shortWait.value, 200)).toEqual({ id, status: 'PENDING' });
  expect(shortWait.ms).toBeGreaterThanOrEqual(SHORT_WAIT_SECONDS * 1000 - 50);
  expect(shortWait.ms).toBeLessThan(SHORT_WAIT_SECONDS * 1000 + LONG_POLL_SLACK_MS);
  note(`?wait=${SHORT_WAIT_SECONDS} on a pending scope`, shortWait.ms);

  const early = await expectAnswer(await api.post(`${statusUrl}/token`, { headers: agent }), 409);
  expect(early).toMatchObject({ error: { code: 'CONFLICT' } });

  const longPoll = timed(() =>
    api.get(`${statusUrl}?wait=${LONG_WAIT_SECONDS}`, { headers: agent, timeout: (LONG_WAIT_SECONDS + 10) * 1000 }),
  );
  const approval = await timed(() => approveAsSponsor(target, id, sponsorEmail, APPROVED_TTL_SECONDS));
  expect(approval.value).toMatchObject({ status: 'APPROVED', stage: 'SPONSOR' });
  const poll = await longPoll;
  const decided = await expectAnswer(poll.value, 200);
  expect(decided).toEqual({ id, status: 'APPROVED', expiresAt: approval.value.expiresAt });
  expect(poll.ms).toBeLessThan(LONG_WAIT_SECONDS * 1000);
  expect(poll.endedAt).toBeLessThan(approval.endedAt + LONG_POLL_SLACK_MS);
  note('approval in a child process', approval.ms);
  note(`?wait=${LONG_WAIT_SECONDS} until approved`, poll.ms);
  const expiresIn = new Date(decided.expiresAt as string).getTime() - Date.now();
  expect(expiresIn).toBeGreaterThan((APPROVED_TTL_SECONDS - 60) * 1000);
  expect(expiresIn).toBeLessThanOrEqual(APPROVED_TTL_SECONDS * 1000);

  const issued = await expectAnswer(await api.post(`${statusUrl}/token`, { headers: agent }), 201);
  expect(issued).toEqual({ token: expect.stringMatching(/^stw_task_[0-9A-Za-z]{43}$/), expiresAt: decided.expiresAt });
  const again = await expectAnswer(await api.post(`${statusUrl}/token`, { headers: agent }), 409);
  expect(again).toMatchObject({ error: { code: 'CONFLICT' } });
  const task = bearer(issued.token as string);

  const authorize = async (headers: Record<string, string>, action: string, resource: string) =>
    api.post('/api/v1/authorize', { headers, data: { action, resource, context: { pr: 7 } } });

  const allowedCall = await timed(async () =>
    authorize({ ...task, traceparent: TRACEPARENT }, 'github:pulls.read', 'github:acme/payments/pulls/7'),
  );
  const allowed = await expectAnswer(allowedCall.value, 200);
  expect(allowed).toEqual({
    decision: 'allow',
    reason: 'ALLOWED',
    scopeId: id,
    eventId: expect.stringMatching(/^\d+$/),
  });
  note('an allowed /authorize', allowedCall.ms);

  const outsideAction = await expectAnswer(
    await authorize(task, 'github:pulls.merge', 'github:acme/payments/pulls/7'),
    200,
  );
  expect(outsideAction).toEqual({
    decision: 'deny',
    reason: 'ACTION_NOT_IN_SCOPE',
    scopeId: id,
    eventId: expect.stringMatching(/^\d+$/),
  });
  const outsideResource = await expectAnswer(
    await authorize(task, 'github:pulls.read', 'github:acme/billing/pulls/1'),
    200,
  );
  expect(outsideResource).toMatchObject({ decision: 'deny', reason: 'RESOURCE_NOT_IN_SCOPE', scopeId: id });

  const neverIssued = `stw_task_${randomBytes(32).toString('hex').slice(0, 43)}`;
  const unknown = await expectAnswer(
    await authorize(bearer(neverIssued), 'github:pulls.read', 'github:acme/payments/pulls/7'),
    200,
  );
  expect(unknown).toEqual({ decision: 'deny', reason: 'TOKEN_UNKNOWN', eventId: expect.stringMatching(/^\d+$/) });

  const anonymous = await expectAnswer(await authorize({}, 'github:pulls.read', 'github:acme/payments/pulls/7'), 401);
  expect(anonymous).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });

  const completed = await expectAnswer(await api.post(`${statusUrl}/complete`, { headers: task }), 200);
  expect(completed).toEqual({ status: 'COMPLETED' });
  const afterCompletion = await expectAnswer(
    await authorize(task, 'github:pulls.read', 'github:acme/payments/pulls/7'),
    200,
  );
  expect(afterCompletion).toMatchObject({ decision: 'deny', reason: 'SCOPE_NOT_ACTIVE', scopeId: id });
  expect(await expectAnswer(await api.get(statusUrl, { headers: agent }), 200)).toEqual({
    id,
    status: 'COMPLETED',
    expiresAt: decided.expiresAt,
  });

  const verified = await expectAnswer(await api.get('/api/v1/audit/verify', { headers: bearer(auditKey) }), 200);
  expect(verified).toMatchObject({ ok: true });
  expect(verified.firstBrokenSeq).toBeUndefined();
  expect(verified.checked).toBeGreaterThanOrEqual(Number(afterCompletion.eventId));

  const events = await recordedEvents(target, id);
  expect(events.map((event) => event.action)).toEqual([
    'scope.request',
    'scope.approve',
    'scope.token_issue',
    'runtime.authorize',
    'runtime.authorize',
    'runtime.authorize',
    'scope.complete',
    'runtime.authorize',
  ]);
  const decisions = events.filter((event) => event.action === 'runtime.authorize');
  expect(decisions.map((event) => String(event.seq))).toEqual([
    allowed.eventId,
    outsideAction.eventId,
    outsideResource.eventId,
    afterCompletion.eventId,
  ]);
  expect(decisions.map((event) => [event.outcome, event.details.reason])).toEqual([
    ['SUCCESS', 'ALLOWED'],
    ['DENIED', 'ACTION_NOT_IN_SCOPE'],
    ['DENIED', 'RESOURCE_NOT_IN_SCOPE'],
    ['DENIED', 'SCOPE_NOT_ACTIVE'],
  ]);
  for (const event of decisions)
    expect(event).toMatchObject({
      attribution: 'AGENT_DELEGATED',
      initiatorId,
      executorId: nhiId,
      credentialKind: 'TASK_TOKEN',
    });
  expect(decisions[0].details).toMatchObject({ correlationId: TRACEPARENT, context: { pr: 7 }, via: 'authorize' });
  expect(decisions[1].details.correlationId).toBeUndefined();
}

test.describe('the task-scope flow on SQLite (the shared app)', () => {
  let target: Target;

  test.beforeAll(async () => {
    test.setTimeout(FLOW_TIMEOUT_MS);
    const servers = JSON.parse(readFileSync(join(root, 'test-results/e2e-servers/servers.json'), 'utf8')) as {
      dataDir: string;
    };
    const child = { root, databaseUrl: `file:${join(servers.dataDir, 'steward.db')}` };
    target = { ...child, seeded: await seedFlow(child, { fresh: false }) };
  });

  test('request, wait, approval during a long poll, token once, decisions, completion, chain intact', async ({
    request,
  }) => {
    test.setTimeout(FLOW_TIMEOUT_MS);
    await runFlow(request, target);
  });
});

test.describe('the task-scope flow on PostgreSQL (a second app)', () => {
  test.skip(
    !postgresAvailable() && !process.env.CI,
    'PostgreSQL not found: install postgresql or set TEST_POSTGRES_URL to run the flow on PostgreSQL',
  );

  let app: PostgresApp | undefined;

  test.beforeAll(async () => {
    test.setTimeout(FLOW_TIMEOUT_MS);
    app = await startPostgresApp(root);
  });

  test.afterAll(async () => {
    test.setTimeout(FLOW_TIMEOUT_MS);
    await app?.stop();
  });

  test('request, wait, approval during a long poll, token once, decisions, completion, chain intact', async ({
    playwright,
  }) => {
    test.setTimeout(FLOW_TIMEOUT_MS);
    if (!app) throw new Error('The PostgreSQL app did not start');
    const api = await playwright.request.newContext({ baseURL: app.baseURL });
    try {
      await runFlow(api, { root, databaseUrl: app.databaseUrl, seeded: app.seeded });
    } finally {
      await api.dispose();
    }
  });
});
