import { describe, expect, it } from 'vitest';
import * as listRoute from '../../app/api/v1/borrowed-credentials/route';
import * as caseRoute from '../../app/api/v1/borrowed-credentials/[id]/route';
import { generateApiKey } from '../../lib/auth/api-keys';
import { getDb, transaction } from '../../lib/db';
import type { ApiKeyKind } from '../../lib/db/generated/sqlite/enums';
import { refreshBorrowedCases } from '../../lib/borrowed/refresh';
import { agentUse, appendImported, browserUse, DAY, T0 } from './borrowed-events';

const PEOPLE = ['hana', 'ivan', 'jade', 'kofi', 'lena', 'mika', 'nora'];

async function createKey(kind: ApiKeyKind): Promise<string> {
  const { secret, prefix, keyHash } = generateApiKey(kind);
  await transaction((tx) => tx.apiKey.create({ data: { kind, name: `borrowed ${prefix}`, prefix, keyHash } }));
  return secret;
}

function list(query: string, secret?: string) {
  return listRoute.GET(
    new Request(`http://localhost/api/v1/borrowed-credentials${query}`, {
      headers: secret ? { Authorization: `Bearer ${secret}` } : {},
    }),
  );
}

function one(id: string, secret?: string) {
  return caseRoute.GET(
    new Request(`http://localhost/api/v1/borrowed-credentials/${encodeURIComponent(id)}`, {
      headers: secret ? { Authorization: `Bearer ${secret}` } : {},
    }),
    { params: Promise.resolve({ id }) },
  );
}

type ApiCase = { id: string; lastSeen: string; evidence: { seq: number }[] };

async function seedCases() {
  // Pairs of agents stop at the same moment, so the cursor must break ties; the last person's agent stops last.
  const events = PEOPLE.flatMap((name, index) => [
    ...browserUse(name, T0, 5),
    ...agentUse(name, `AKIA${name.toUpperCase().padEnd(16, '0')}`, T0 + DAY, 24 + Math.floor(index / 2)),
  ]);
  const seqs = await appendImported(events);
  await refreshBorrowedCases({ now: new Date(T0 + 20 * DAY) });
  return seqs;
}

describe('GET /api/v1/borrowed-credentials', () => {
  it('answers an audit key with the cases, newest activity first, and a cursor that walks them without gaps or overlaps', async () => {
    const seqs = await seedCases();
    const key = await createKey('AUDIT');

    const first = await list('?limit=3', key);
    expect(first.status).toBe(200);
    const body = (await first.json()) as { cases: ApiCase[]; nextCursor?: string };
    expect(body.cases).toHaveLength(3);
    expect(body.nextCursor).toEqual(expect.any(String));
    expect(Object.keys(body.cases[0]).sort()).toEqual(
      [
        'agents',
        'confidence',
        'credential',
        'evidence',
        'eventCount',
        'firstSeen',
        'human',
        'id',
        'lastSeen',
        'reasons',
        'sources',
        'status',
      ].sort(),
    );
    expect(body.cases[0]).toMatchObject({
      status: 'OPEN',
      confidence: 'high',
      human: { label: 'nora', externalIds: ['arn:aws:iam::111122223333:user/nora'] },
      credential: { kind: 'long_lived_access_key', externalId: 'AKIANORA000000000000' },
      agents: [expect.objectContaining({ label: expect.any(String), userAgent: expect.stringContaining('langchain') })],
      sources: ['aws'],
      lastSeen: expect.any(String),
      eventCount: expect.any(Number),
      reasons: expect.arrayContaining([{ code: 'AGENT_CLIENT', message: expect.any(String) }]),
    });
    for (const item of body.cases[0].evidence) {
      expect(Object.keys(item).sort()).toEqual(['action', 'occurredAt', 'seq', 'source', 'sourceEventId']);
    }

    const seen: ApiCase[] = [...body.cases];
    let cursor = body.nextCursor;
    while (cursor) {
      const page = (await (await list(`?limit=3&cursor=${encodeURIComponent(cursor)}`, key)).json()) as {
        cases: ApiCase[];
        nextCursor?: string;
      };
      seen.push(...page.cases);
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(PEOPLE.length);
    expect(new Set(seen.map((found) => found.id)).size).toBe(PEOPLE.length);
    const times = seen.map((found) => Date.parse(found.lastSeen));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const detail = await one(seen[0].id, key);
    expect(detail.status).toBe(200);
    const full = (await detail.json()) as ApiCase & { evidence: { seq: number; sourceEventId: string }[] };
    expect(full.id).toBe(seen[0].id);
    expect(full.evidence.length).toBeGreaterThanOrEqual(body.cases[0].evidence.length);
    for (const item of full.evidence) expect(item.seq).toBe(seqs.get(item.sourceEventId));
  });

  it('answers 401 without a credential, 403 to a key that may not read, 400 to bad parameters, 404 to an unknown case and 405 to other methods', async () => {
    await seedCases();
    const audit = await createKey('AUDIT');
    const ingest = await createKey('INGEST');
    const db = await getDb();
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });

    const errorOf = async (response: Response) => {
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      return { status: response.status, body: (await response.json()) as { error: { code: string } } };
    };
    expect(await errorOf(await list('', 'stw_unknown'))).toMatchObject({ status: 401 });
    expect(await errorOf(await list('', ingest))).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await errorOf(await one('bc_missing', ingest))).toMatchObject({ status: 403 });
    expect(await errorOf(await one('bc_missing', audit))).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });

    const bad = await errorOf(await list('?limit=0&status=DONE&colour=red', audit));
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'INVALID_QUERY' } } });
    expect(bad.body).toMatchObject({
      error: { details: { fieldErrors: { limit: [expect.any(String)], status: [expect.any(String)] } } },
    });
    expect(JSON.stringify(bad.body)).toContain('colour');
    expect(await errorOf(await list('?cursor=not-a-cursor', audit))).toMatchObject({ status: 400 });

    const refused = await listRoute.POST();
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('GET');
    expect((await caseRoute.DELETE()).status).toBe(405);

    expect(await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).toEqual(head);
  });

  it('filters by status, confidence and search', async () => {
    await seedCases();
    const key = await createKey('AUDIT');
    const byName = (await (await list('?q=KOFI', key)).json()) as { cases: { human: { label: string } }[] };
    expect(byName.cases.map((found) => found.human.label)).toEqual(['kofi']);
    const resolved = (await (await list('?status=RESOLVED', key)).json()) as { cases: unknown[] };
    expect(resolved.cases).toEqual([]);
    const low = (await (await list('?confidence=low', key)).json()) as { cases: { confidence: string }[] };
    expect(low.cases.every((found) => found.confidence === 'low')).toBe(true);
    const high = (await (await list(`?confidence=high&limit=${PEOPLE.length + 1}`, key)).json()) as {
      cases: unknown[];
      nextCursor?: string;
    };
    expect(high.cases.length).toBeGreaterThanOrEqual(PEOPLE.length);
    expect(high.nextCursor).toBeUndefined();
  });
});
