import { describe, expect, it } from 'vitest';
import { GET as health } from '../../app/api/health/route';
import { GET as verify } from '../../app/api/v1/audit/verify/route';
import { generateApiKey } from '../../lib/auth/api-keys';
import { getDb } from '../../lib/db';
import type { ApiKeyKind } from '../../lib/db/generated/sqlite/enums';
import { testFlavor } from '../support/flavor';

async function createKey(kind: ApiKeyKind, revoked = false) {
  const { secret, prefix, keyHash } = generateApiKey(kind);
  const db = await getDb();
  await db.apiKey.create({
    data: { kind, name: `test ${kind}`, prefix, keyHash, revokedAt: revoked ? new Date() : null },
  });
  return secret;
}

function verifyRequest(secret?: string) {
  return new Request('http://localhost/api/v1/audit/verify', {
    headers: secret ? { Authorization: `Bearer ${secret}` } : {},
  });
}

describe('GET /api/health', () => {
  it('answers with the database and the audit chain head', async () => {
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      database: testFlavor(),
      auditHead: { seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });
});

describe('GET /api/v1/audit/verify', () => {
  it('verifies the chain for an audit key and, being a GET, writes nothing', async () => {
    const secret = await createKey('AUDIT');
    const response = await verify(verifyRequest(secret));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, checked: expect.any(Number) });
    const db = await getDb();
    expect((await db.apiKey.findFirstOrThrow({ where: { prefix: secret.slice(0, 12) } })).lastUsedAt).toBeNull();
  });

  it('answers 403 to a key of another kind and 401 to an unknown or revoked key', async () => {
    const cases: [string, number, string][] = [
      [await createKey('AGENT'), 403, 'FORBIDDEN'],
      [await createKey('INGEST'), 403, 'FORBIDDEN'],
      [await createKey('AUDIT', true), 401, 'UNAUTHENTICATED'],
      ['stw_audit_00000000000000000000000000000000', 401, 'UNAUTHENTICATED'],
    ];
    for (const [secret, status, code] of cases) {
      const response = await verify(verifyRequest(secret));
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
    }
  });
});
