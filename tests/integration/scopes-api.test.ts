import { describe, expect, it } from 'vitest';
import { POST as requestRoute } from '../../app/api/v1/scope-requests/route';
import { GET as statusRoute } from '../../app/api/v1/scope-requests/[id]/route';
import { POST as tokenRoute } from '../../app/api/v1/scope-requests/[id]/token/route';
import { POST as completeRoute } from '../../app/api/v1/scope-requests/[id]/complete/route';
import { POST as authorizeRoute } from '../../app/api/v1/authorize/route';
import { generateApiKey } from '../../lib/auth/api-keys';
import { getDb } from '../../lib/db';
import { approveScope } from '../../lib/scopes/approvals';
import { createPerson } from '../support/people';
import { createAgent, scopeAsk } from '../support/scopes';

const BASE = 'http://localhost/api/v1';
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function call(url: string, secret: string | null, body?: unknown, headers: Record<string, string> = {}) {
  return new Request(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Forwarded-For': '198.51.100.7',
      ...(secret ? { Authorization: `Bearer ${secret}` } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function chainHead() {
  const db = await getDb();
  return db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
}

async function json(response: Response) {
  return { status: response.status, body: await response.json() };
}

async function ask(agentKey: string, body: unknown) {
  return json(await requestRoute(call(`${BASE}/scope-requests`, agentKey, body)));
}

async function status(agentKey: string, id: string, wait?: number) {
  const query = wait === undefined ? '' : `?wait=${wait}`;
  return json(await statusRoute(call(`${BASE}/scope-requests/${id}${query}`, agentKey), params(id)));
}

async function fetchToken(agentKey: string, id: string) {
  return json(await tokenRoute(call(`${BASE}/scope-requests/${id}/token`, agentKey, {}), params(id)));
}

async function authorize(token: string | null, body: unknown, headers: Record<string, string> = {}) {
  return json(await authorizeRoute(call(`${BASE}/authorize`, token, body, headers)));
}

describe('the task-scope flow over the machine API', () => {
  it('requests, waits, is approved, fetches its token once, is authorized, and completes', async () => {
    const agent = await createAgent();
    const initiator = await createPerson('AUDITOR');
    const requested = await ask(agent.agentKey, scopeAsk(initiator.email, { maxUses: 5 }));
    expect(requested).toEqual({ status: 201, body: { id: expect.any(String), status: 'PENDING' } });
    const id = requested.body.id as string;

    expect(await status(agent.agentKey, id)).toEqual({ status: 200, body: { id, status: 'PENDING' } });
    expect((await fetchToken(agent.agentKey, id)).status).toBe(409);

    const waited = status(agent.agentKey, id, 10);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await approveScope(agent.sponsor, { scopeId: id, ttlSeconds: 900 });
    const decided = await waited;
    expect(decided.body).toEqual({ id, status: 'APPROVED', expiresAt: expect.any(String) });
    const expiresAt = new Date(decided.body.expiresAt as string).getTime();
    expect(expiresAt - Date.now()).toBeGreaterThan(850_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(900_000);

    const issued = await fetchToken(agent.agentKey, id);
    expect(issued).toEqual({
      status: 201,
      body: { token: expect.stringMatching(/^stw_task_[0-9A-Za-z]{43}$/), expiresAt: decided.body.expiresAt },
    });
    const again = await fetchToken(agent.agentKey, id);
    expect(again.status).toBe(409);
    const token = issued.body.token as string;

    const allowed = await authorize(
      token,
      { action: 'github:pulls.read', resource: 'github:acme/payments/pulls/7', context: { pr: 7 } },
      { traceparent: TRACEPARENT },
    );
    expect(allowed).toEqual({
      status: 200,
      body: { decision: 'allow', reason: 'ALLOWED', scopeId: id, eventId: expect.stringMatching(/^\d+$/) },
    });
    const db = await getDb();
    const event = await db.auditEvent.findUniqueOrThrow({ where: { seq: Number(allowed.body.eventId) } });
    expect(event).toMatchObject({
      action: 'runtime.authorize',
      resource: 'github:acme/payments/pulls/7',
      outcome: 'SUCCESS',
      attribution: 'AGENT_DELEGATED',
      initiatorType: 'HUMAN',
      initiatorId: initiator.humanId,
      executorType: 'NHI',
      executorId: agent.nhi.id,
      credentialKind: 'TASK_TOKEN',
      scopeId: id,
    });
    expect(JSON.parse(event.details)).toMatchObject({
      decision: 'allow',
      reason: 'ALLOWED',
      requestedAction: 'github:pulls.read',
      correlationId: TRACEPARENT,
      context: { pr: 7 },
    });

    expect(
      (await authorize(token, { action: 'github:pulls.merge', resource: 'github:acme/payments/pulls/7' })).body,
    ).toMatchObject({
      decision: 'deny',
      reason: 'ACTION_NOT_IN_SCOPE',
    });
    expect(
      (await authorize(token, { action: 'github:pulls.read', resource: 'github:acme/billing/pulls/1' })).body,
    ).toMatchObject({
      decision: 'deny',
      reason: 'RESOURCE_NOT_IN_SCOPE',
    });

    expect(
      await json(await completeRoute(call(`${BASE}/scope-requests/${id}/complete`, token, {}), params(id))),
    ).toEqual({
      status: 200,
      body: { status: 'COMPLETED' },
    });
    expect(
      (await authorize(token, { action: 'github:pulls.read', resource: 'github:acme/payments/pulls/7' })).body,
    ).toMatchObject({
      decision: 'deny',
      reason: 'SCOPE_NOT_ACTIVE',
    });
    expect(
      (await json(await completeRoute(call(`${BASE}/scope-requests/${id}/complete`, token, {}), params(id)))).status,
    ).toBe(409);
    const scope = await db.scopeRequest.findUniqueOrThrow({ where: { id } });
    expect(scope).toMatchObject({ status: 'COMPLETED', useCount: 1 });
    const actions = await db.auditEvent.findMany({
      where: { scopeId: id },
      orderBy: { seq: 'asc' },
      select: { action: true },
    });
    expect(actions.map((row) => row.action)).toEqual([
      'scope.request',
      'scope.approve',
      'scope.token_issue',
      'runtime.authorize',
      'runtime.authorize',
      'runtime.authorize',
      'scope.complete',
      'runtime.authorize',
    ]);
  });

  it('refuses bad requests clearly and writes nothing', async () => {
    const agent = await createAgent();
    const initiator = await createPerson('AUDITOR');
    const before = await chainHead();
    const cases: [unknown, number, string][] = [
      ['{not json', 400, 'MALFORMED_JSON'],
      [{ ...scopeAsk(initiator.email), actions: [] }, 422, 'INVALID_INPUT'],
      [{ ...scopeAsk(initiator.email), actions: ['pulls.read'] }, 422, 'INVALID_INPUT'],
      [{ ...scopeAsk(initiator.email), resources: ['github:*'] }, 422, 'INVALID_INPUT'],
      [{ ...scopeAsk(initiator.email), ttlSeconds: 30 }, 422, 'INVALID_INPUT'],
      [{ ...scopeAsk(initiator.email), extra: true }, 422, 'INVALID_INPUT'],
      [scopeAsk('nobody@nowhere.example'), 422, 'INVALID_INPUT'],
      [scopeAsk(initiator.email, { actions: ['github:pulls.merge'], ttlSeconds: 7200 }), 422, 'INVALID_INPUT'],
    ];
    for (const [body, code, errorCode] of cases) {
      const answer = await ask(agent.agentKey, body);
      expect({ body, status: answer.status, code: answer.body.error.code }).toEqual({
        body,
        status: code,
        code: errorCode,
      });
    }
    const overCap = await ask(
      agent.agentKey,
      scopeAsk(initiator.email, { actions: ['github:pulls.merge'], ttlSeconds: 7200 }),
    );
    expect(overCap.body.error.details.fieldErrors.ttlSeconds[0]).toMatch(/3600 seconds/);
    expect((await ask('stw_agent_unknown', scopeAsk(initiator.email))).status).toBe(401);
    const ingest = generateApiKey('INGEST');
    const db = await getDb();
    await db.apiKey.create({
      data: { kind: 'INGEST', name: 'collector', prefix: ingest.prefix, keyHash: ingest.keyHash },
    });
    expect((await ask(ingest.secret, scopeAsk(initiator.email))).status).toBe(403);
    expect(await chainHead()).toEqual(before);
    expect(await db.scopeRequest.count({ where: { nhiId: agent.nhi.id } })).toBe(0);
  });

  it("keeps one agent's scopes from another agent", async () => {
    const owner = await createAgent();
    const other = await createAgent();
    const initiator = await createPerson('AUDITOR');
    const { body } = await ask(owner.agentKey, scopeAsk(initiator.email));
    expect((await status(other.agentKey, body.id)).status).toBe(404);
    expect((await fetchToken(other.agentKey, body.id)).status).toBe(404);
    expect((await status(owner.agentKey, body.id, 31)).status).toBe(400);
  });

  it('answers 401 without a token and a logged deny for a token it never issued', async () => {
    expect((await authorize(null, { action: 'github:pulls.read', resource: 'github:acme/x' })).status).toBe(401);
    const unknown = await authorize(
      'stw_task_never-issued',
      { action: 'github:pulls.read', resource: 'github:acme/x' },
      {
        'X-Forwarded-For': '203.0.113.50',
      },
    );
    expect(unknown).toEqual({
      status: 200,
      body: { decision: 'deny', reason: 'TOKEN_UNKNOWN', eventId: expect.stringMatching(/^\d+$/) },
    });
    expect((await authorize('stw_task_x', { action: 7 })).status).toBe(422);
  });
});
