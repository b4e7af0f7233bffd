import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE, GET, PATCH, POST, PUT } from '../../app/api/v1/events/route';
import { generateApiKey } from '../../lib/auth/api-keys';
import { borrowedRefreshSettled, refreshBorrowedCasesSoon } from '../../lib/borrowed/refresh';
import { getDb } from '../../lib/db';
import type { ApiKeyKind } from '../../lib/db/generated/sqlite/enums';

let ingestKey: string;
let adminKey: string;

async function createKey(kind: ApiKeyKind): Promise<string> {
  const { secret, prefix, keyHash } = generateApiKey(kind);
  const db = await getDb();
  await db.apiKey.create({ data: { kind, name: `test ${kind}`, prefix, keyHash } });
  return secret;
}

type Send = { format?: string | null; key?: string | null; headers?: Record<string, string> };

/** Posts, then waits for the refresh of cases the answer did not wait for, so each test starts from a still store. */
async function send(body: BodyInit, { format = 'native', key = ingestKey, headers = {} }: Send = {}) {
  const query = format === null ? '' : `?format=${format}`;
  const response = await POST(
    new Request(`http://localhost/api/v1/events${query}`, {
      method: 'POST',
      headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers },
      body,
      duplex: 'half',
    } as RequestInit),
  );
  await borrowedRefreshSettled();
  return response;
}

function nativeEvent(overrides: Record<string, unknown> = {}) {
  return {
    source: 'collector',
    sourceEventId: `api-${randomUUID()}`,
    occurredAt: '2026-10-01T09:00:00.000Z',
    action: 'repo.clone',
    principal: { kind: 'person', externalId: 'octocat', email: 'octocat@example.com' },
    client: { userAgent: 'git/2.43.0', ip: '203.0.113.9' },
    ...overrides,
  };
}

function cloudTrail() {
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLE',
      arn: 'arn:aws:iam::111122223333:user/ana',
      accountId: '111122223333',
      accessKeyId: 'AKIAEXAMPLE000000001',
      userName: 'ana',
    },
    eventTime: '2026-10-01T10:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'ListBuckets',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '198.51.100.3',
    userAgent: 'aws-cli/2.15.30 Python/3.11.8',
    eventID: randomUUID(),
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333',
  };
}

/** What a refused or rejected request must not move. */
async function state() {
  const db = await getDb();
  const [head, nhis] = await Promise.all([db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } }), db.nhi.count()]);
  return { seq: head.seq, hash: head.hash, nhis };
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  return body.error as { code: string; message: string };
}

beforeAll(async () => {
  ingestKey = await createKey('INGEST');
  adminKey = await createKey('ADMIN');
});

describe('POST /api/v1/events: who may send', () => {
  it('answers 401 without a key or with an unknown one, and 403 to other kinds of keys, writing nothing', async () => {
    const before = await state();
    const body = JSON.stringify([nativeEvent()]);
    await expectError(await send(body, { key: null }), 401, 'UNAUTHENTICATED');
    await expectError(await send(body, { key: 'stw_ingest_unknownunknownunknownunknown' }), 401, 'UNAUTHENTICATED');
    await expectError(await send(body, { key: adminKey }), 403, 'FORBIDDEN');
    await expectError(await send(body, { key: await createKey('AUDIT') }), 403, 'FORBIDDEN');
    expect(await state()).toEqual(before);
  });

  it('answers 400 naming the formats when the format is missing or unknown', async () => {
    const before = await state();
    const missing = await expectError(await send('[]', { format: null }), 400, 'INVALID_FORMAT');
    expect(missing.message).toContain('cloudtrail');
    await expectError(await send('[]', { format: 'syslog' }), 400, 'INVALID_FORMAT');
    expect(await state()).toEqual(before);
  });

  it('answers 405 with the Allow header to other methods', async () => {
    for (const handler of [GET, PUT, PATCH, DELETE]) {
      const response = await handler();
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect((await response.json()).error.code).toBe('METHOD_NOT_ALLOWED');
    }
  });
});

describe('POST /api/v1/events: what it takes', () => {
  it('accepts a JSON array, NDJSON and CloudTrail’s {"Records":[…]} and answers the summary', async () => {
    const array = await send(JSON.stringify([nativeEvent(), nativeEvent()]));
    expect(array.status).toBe(200);
    expect(await array.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });

    const lines = [nativeEvent(), nativeEvent(), nativeEvent()].map((event) => JSON.stringify(event)).join('\n');
    expect(await (await send(lines)).json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });

    const records = JSON.stringify({ Records: [cloudTrail(), cloudTrail()] });
    expect(await (await send(records, { format: 'cloudtrail' })).json()).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [],
    });
  });

  it('refreshes borrowed-credential cases after answering, once for imports that arrive while it runs', async () => {
    const db = await getDb();
    const refreshes = () => db.auditEvent.count({ where: { action: 'borrowed.refresh' } });
    const before = await refreshes();
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        POST(
          new Request('http://localhost/api/v1/events?format=native', {
            method: 'POST',
            headers: { Authorization: `Bearer ${ingestKey}` },
            body: JSON.stringify([nativeEvent()]),
          }),
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    await borrowedRefreshSettled();
    expect(await refreshes()).toBeGreaterThan(before);

    const settled = await refreshes();
    for (let i = 0; i < 3; i += 1) refreshBorrowedCasesSoon();
    await borrowedRefreshSettled();
    expect((await refreshes()) - settled).toBe(2);
  });

  it('accepts gzip, announced by Content-Encoding or known by its magic bytes', async () => {
    const announced = gzipSync(JSON.stringify([nativeEvent()]));
    const response = await send(announced, { headers: { 'Content-Encoding': 'gzip' } });
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const silent = gzipSync(JSON.stringify([nativeEvent()]));
    expect(await (await send(silent)).json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('answers accepted 0 with the duplicates counted when the same file comes again', async () => {
    const body = JSON.stringify([nativeEvent(), nativeEvent()]);
    expect(await (await send(body)).json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const before = await state();
    expect(await (await send(body)).json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    expect(await state()).toEqual(before);
  });

  it('commits the valid records and lists the bad ones by line with the reason', async () => {
    const good = nativeEvent();
    const body = [
      JSON.stringify(good),
      '{"broken": ',
      JSON.stringify({ ...nativeEvent(), occurredAt: 'yesterday' }),
    ].join('\n');
    const response = await send(body);
    expect(response.status).toBe(200);
    const summary = await response.json();
    expect(summary.accepted).toBe(1);
    expect(summary.duplicates).toBe(0);
    expect(summary.rejected.map((rejected: { line: number }) => rejected.line)).toEqual([2, 3]);
    const db = await getDb();
    expect(await db.auditEvent.count({ where: { source: 'collector', sourceEventId: good.sourceEventId } })).toBe(1);
  });

  it('answers 413 past the size limit, declared or unpacked from gzip, and writes nothing', async () => {
    const before = await state();
    const declared = await send('[]', { headers: { 'Content-Length': String(60 * 1024 * 1024) } });
    await expectError(declared, 413, 'PAYLOAD_TOO_LARGE');

    const head = `${JSON.stringify(nativeEvent())}\n`;
    const bomb = gzipSync(Buffer.concat([Buffer.from(head), Buffer.alloc(51 * 1024 * 1024, 0x20)]));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expectError(await send(bomb, { headers: { 'Content-Encoding': 'gzip' } }), 413, 'PAYLOAD_TOO_LARGE');
    await expectError(await send(bomb), 413, 'PAYLOAD_TOO_LARGE');
    expect(await state()).toEqual(before);
  });

  it('answers 400 to gzip that is damaged', async () => {
    const damaged = gzipSync(JSON.stringify([nativeEvent()])).subarray(0, 20);
    await expectError(await send(damaged, { headers: { 'Content-Encoding': 'gzip' } }), 400, 'MALFORMED_BODY');
  });
});
