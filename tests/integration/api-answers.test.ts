import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as unknownEndpoint from '../../app/api/v1/[[...path]]/route';
import { POST as upsertIdentities } from '../../app/api/v1/identities/route';
import { GET as verifyChain } from '../../app/api/v1/audit/verify/route';
import { authenticateApiKey, generateApiKey } from '../../lib/auth/api-keys';
import { getDb, transaction } from '../../lib/db';
import type { ApiKeyKind } from '../../lib/db/generated/sqlite/enums';

const API_DIR = join(process.cwd(), 'app', 'api', 'v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

type RouteModule = Partial<Record<(typeof METHODS)[number], (request: Request) => Promise<Response>>>;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return entry.name === 'route.ts' ? [path] : [];
  });
}

async function expectApiError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
}

async function createKey(kind: ApiKeyKind) {
  const { secret, prefix, keyHash } = generateApiKey(kind);
  const key = await transaction((tx) =>
    tx.apiKey.create({ data: { kind, name: `answers ${prefix}`, prefix, keyHash } }),
  );
  return { secret, id: key.id };
}

async function lastUsedAt(keyId: string) {
  const db = await getDb();
  return (await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).lastUsedAt;
}

async function chainHead() {
  const db = await getDb();
  return db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
}

function postIdentities(secret: string, body: string) {
  return upsertIdentities(
    new Request('http://localhost/api/v1/identities', {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body,
    }),
  );
}

describe('every answer under /api/v1 is the JSON error body', () => {
  it('answers an unknown path with a JSON 404, whatever the method', async () => {
    for (const method of METHODS) {
      const handler = unknownEndpoint[method];
      await expectApiError(await handler(), 404, 'NOT_FOUND');
    }
  });

  it('has every route module answer the methods it does not serve with a JSON 405 and an Allow header', async () => {
    const files = routeFiles(API_DIR).filter((file) => !file.includes('[[...path]]'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const route = (await import(file)) as RouteModule;
      const served = METHODS.filter((method) => typeof route[method] === 'function');
      expect(served, `${relative(API_DIR, file)} exports every method`).toEqual([...METHODS]);
      const refusals = [];
      for (const method of METHODS) {
        const response = await route[method]!(
          new Request('http://localhost/api/v1/x', { method, headers: { Authorization: 'Bearer stw_unknown' } }),
        );
        if (response.status === 405) refusals.push({ method, allow: response.headers.get('allow'), response });
      }
      expect(refusals.length, `${relative(API_DIR, file)} refuses some methods`).toBeGreaterThan(0);
      for (const { allow, response } of refusals) {
        expect(allow).toMatch(/^[A-Z, ]+$/);
        await expectApiError(response, 405, 'METHOD_NOT_ALLOWED');
      }
    }
  });
});

describe('a refused or invalid request writes nothing, not even when a key was last used', () => {
  it('authenticates a key without writing', async () => {
    const key = await createKey('AUDIT');
    expect(await authenticateApiKey(key.secret)).toMatchObject({ keyId: key.id });
    expect(await lastUsedAt(key.id)).toBeNull();
  });

  it('leaves the key and the audit chain untouched by a GET', async () => {
    const key = await createKey('AUDIT');
    const before = await chainHead();
    const response = await verifyChain(
      new Request('http://localhost/api/v1/audit/verify', { headers: { Authorization: `Bearer ${key.secret}` } }),
    );
    expect(response.status).toBe(200);
    expect(await lastUsedAt(key.id)).toBeNull();
    expect(await chainHead()).toEqual(before);
  });

  it('leaves the key untouched by a refused, malformed or invalid request, and records a successful one', async () => {
    const admin = await createKey('ADMIN');
    const audit = await createKey('AUDIT');
    const valid = JSON.stringify({ system: 'github', externalId: 'answers-1', name: 'answers', kind: 'BOT' });
    await expectApiError(await postIdentities(audit.secret, valid), 403, 'FORBIDDEN');
    expect((await postIdentities(admin.secret, '{"system":')).status).toBe(400);
    expect((await postIdentities(admin.secret, JSON.stringify({ system: 'github' }))).status).toBe(422);
    expect(await lastUsedAt(admin.id)).toBeNull();
    expect(await lastUsedAt(audit.id)).toBeNull();

    const started = Date.now();
    expect((await postIdentities(admin.secret, valid)).status).toBe(200);
    expect((await lastUsedAt(admin.id))?.getTime()).toBeGreaterThanOrEqual(started - 1000);
  });
});
