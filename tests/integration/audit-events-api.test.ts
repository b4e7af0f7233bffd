import { beforeAll, describe, expect, it } from 'vitest';
import { GET as events, POST } from '../../app/api/v1/audit/events/route';
import { generateApiKey } from '../../lib/auth/api-keys';
import { authorize } from '../../lib/decisions/authorize';
import { getDb } from '../../lib/db';
import type { ApiKeyKind } from '../../lib/db/generated/sqlite/enums';
import { approvedScope } from '../support/scopes';

async function createKey(kind: ApiKeyKind, revoked = false) {
  const { secret, prefix, keyHash } = generateApiKey(kind);
  const db = await getDb();
  await db.apiKey.create({
    data: { kind, name: `test ${kind}`, prefix, keyHash, revokedAt: revoked ? new Date() : null },
  });
  return secret;
}

function get(query: string, secret?: string) {
  return events(
    new Request(`http://localhost/api/v1/audit/events${query}`, {
      headers: secret ? { Authorization: `Bearer ${secret}` } : {},
    }),
  );
}

async function lines(response: Response): Promise<Record<string, unknown>[]> {
  const body = await response.text();
  expect(body === '' || body.endsWith('\n')).toBe(true);
  return body
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
let auditKey: string;
let scope: Awaited<ReturnType<typeof approvedScope>>;

beforeAll(async () => {
  auditKey = await createKey('AUDIT');
  scope = await approvedScope();
  const ask = { token: scope.token, resource: 'github:acme/payments/pull/9', clientAddress: '192.0.2.20' };
  await authorize({ ...ask, action: 'github:pulls.read', via: 'authorize', correlationId: TRACE });
  await authorize({ ...ask, action: 'github:pulls.merge', via: 'authzen', correlationId: TRACE });
});

describe('GET /api/v1/audit/events', () => {
  it('answers an audit key with NDJSON, newest first, in the native shape', async () => {
    const response = await get(`?scope=${scope.scopeId}`, auditKey);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('x-next-cursor')).toBeNull();
    const rows = await lines(response);
    expect(rows.map((row) => row.action)).toEqual([
      'runtime.authorize',
      'runtime.authorize',
      'scope.token_issue',
      'scope.approve',
      'scope.request',
    ]);
    expect(rows[0]).toMatchObject({
      seq: expect.any(Number),
      attribution: 'AGENT_DELEGATED',
      initiator: { type: 'HUMAN', id: scope.initiator.humanId },
      executor: { type: 'NHI', id: scope.nhi.id, name: scope.nhi.name },
      correlationId: TRACE,
      details: { decision: 'deny', requestedAction: 'github:pulls.merge' },
      chain: { hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      summary: expect.stringContaining(`→ ${scope.nhi.name}, with its task token`),
    });
  });

  it('follows the cursor from page to page until every event was sent once', async () => {
    const db = await getDb();
    const total = await db.auditEvent.count();
    const seen: number[] = [];
    let query = '?limit=3';
    for (let page = 0; page < 100; page += 1) {
      const response = await get(query, auditKey);
      expect(response.status).toBe(200);
      seen.push(...(await lines(response)).map((row) => row.seq as number));
      const link = response.headers.get('link');
      const cursor = response.headers.get('x-next-cursor');
      if (!cursor) {
        expect(link).toBeNull();
        break;
      }
      expect(link).toBe(`</api/v1/audit/events?limit=3&cursor=${cursor}>; rel="next"`);
      query = link!.slice('</api/v1/audit/events'.length, link!.indexOf('>'));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('sends the same events as OCSF, decisions as Web Resource Access and grants as User Access Management', async () => {
    const response = await get(`?scope=${scope.scopeId}&format=ocsf`, auditKey);
    expect(response.status).toBe(200);
    const rows = await lines(response);
    expect(rows.map((row) => row.type_uid)).toEqual([600402, 600401, 300301, 300501, 600301]);
    expect(rows[0]).toMatchObject({
      class_uid: 6004,
      category_uid: 6,
      status_id: 2,
      metadata: { version: '1.8.0', product: { name: 'Steward' }, correlation_uid: TRACE },
      actor: {
        user: { uid: scope.initiator.humanId },
        app_uid: scope.nhi.id,
        authorizations: [{ decision: 'deny', policy: { uid: scope.scopeId } }],
      },
      web_resources: [{ uid: 'github:acme/payments/pull/9', data: { action: 'github:pulls.merge' } }],
      http_request: { http_method: 'POST', url: { path: '/access/v1/evaluation' } },
    });
    expect(rows[2]).toMatchObject({ user: { uid: scope.nhi.id }, privileges: ['github:pulls.read'] });
    for (const row of rows) expect(row.metadata).toMatchObject({ uid: expect.any(String) });
  });

  it('narrows by the page’s filters, and refuses a parameter it does not understand with a 400', async () => {
    const narrowed = await lines(await get(`?correlation=${TRACE}&outcome=DENIED`, auditKey));
    expect(narrowed).toHaveLength(1);
    for (const query of ['?format=xml', '?limit=10001', '?limit=0', '?attribution=ROBOT', '?cursor=nonsense', '?q=x']) {
      const response = await get(query, auditKey);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toEqual({
        error: { code: 'INVALID_QUERY', message: expect.any(String), details: { fieldErrors: expect.any(Object) } },
      });
    }
  });

  it('answers 401 without a valid key and 403 to a key of another kind', async () => {
    const cases: [string, number, string][] = [
      [await createKey('AUDIT', true), 401, 'UNAUTHENTICATED'],
      ['stw_audit_00000000000000000000000000000000', 401, 'UNAUTHENTICATED'],
      [await createKey('INGEST'), 403, 'FORBIDDEN'],
      [await createKey('AGENT'), 403, 'FORBIDDEN'],
    ];
    for (const [secret, status, code] of cases) {
      const response = await get('', secret);
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
    }
    expect((await POST()).status).toBe(405);
  });
});
