import { beforeAll, describe, expect, it } from 'vitest';
import { POST } from '../../app/api/v1/identities/route';
import { generateApiKey } from '../../lib/auth/api-keys';
import { getDb } from '../../lib/db';
import type { ApiKeyKind } from '../../lib/db/generated/sqlite/enums';
import { createPerson } from '../support/people';

type Item = Record<string, unknown>;

let adminKey: string;
let sponsorEmail: string;

async function createKey(kind: ApiKeyKind, options: { revoked?: boolean; name?: string } = {}) {
  const { secret, prefix, keyHash } = generateApiKey(kind);
  const db = await getDb();
  const key = await db.apiKey.create({
    data: {
      kind,
      name: options.name ?? `test ${kind}`,
      prefix,
      keyHash,
      revokedAt: options.revoked ? new Date() : null,
    },
  });
  return { secret, id: key.id };
}

function upsert(body: unknown, secret: string | null = adminKey) {
  return POST(
    new Request('http://localhost/api/v1/identities', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(secret ? { Authorization: `Bearer ${secret}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

let counter = 0;
function identity(overrides: Item = {}): Item {
  counter += 1;
  return { system: 'github', externalId: `app-${counter}`, name: `App ${counter}`, kind: 'INTEGRATION', ...overrides };
}

/** What must not move when a call is rejected: the identities and the audit chain. */
async function snapshot() {
  const db = await getDb();
  const [nhis, head] = await Promise.all([db.nhi.count(), db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })]);
  return { nhis, seq: head.seq, hash: head.hash };
}

async function expectRejected(body: unknown, status: number, code: string, secret?: string | null) {
  const before = await snapshot();
  const response = await upsert(body, secret);
  const answer = await response.json();
  expect(response.status).toBe(status);
  expect(answer.error.code).toBe(code);
  expect(answer.error.message).toEqual(expect.any(String));
  expect(await snapshot()).toEqual(before);
  return answer.error as { code: string; message: string; details?: { items: Item[] } };
}

async function stored(externalId: string, system = 'github') {
  const db = await getDb();
  return db.nhi.findUniqueOrThrow({ where: { system_externalId: { system, externalId } } });
}

beforeAll(async () => {
  adminKey = (await createKey('ADMIN')).secret;
  sponsorEmail = (await createPerson('SPONSOR')).email;
});

describe('POST /api/v1/identities: upserting', () => {
  it('creates new identities as ACTIVE, with their sponsor and findings', async () => {
    const agent = identity({ kind: 'AI_AGENT', sponsorEmail: sponsorEmail.toUpperCase(), environment: 'Production' });
    const unsponsored = identity({ kind: 'SERVICE_ACCOUNT', description: 'Deploys the site' });
    const response = await upsert([agent, unsponsored]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ created: 2, updated: 0 });

    const db = await getDb();
    const sponsor = await db.human.findUniqueOrThrow({ where: { email: sponsorEmail } });
    expect(await stored(agent.externalId as string)).toMatchObject({
      kind: 'AI_AGENT',
      status: 'ACTIVE',
      environment: 'production',
      sponsorId: sponsor.id,
      orphaned: false,
    });
    const orphan = await stored(unsponsored.externalId as string);
    expect(orphan).toMatchObject({ sponsorId: null, environment: 'unknown', orphaned: true, openFindingCount: 1 });
    expect(orphan.searchText).toContain('deploys the site');
  });

  it('accepts a single object as well as an array', async () => {
    const response = await upsert(identity());
    expect(await response.json()).toEqual({ created: 1, updated: 0 });
  });

  it('counts only real changes as updates, so sending the same payload again changes nothing', async () => {
    const items = [identity(), identity(), identity()];
    expect(await (await upsert(items)).json()).toEqual({ created: 3, updated: 0 });
    expect(await (await upsert(items)).json()).toEqual({ created: 0, updated: 0 });

    const renamed = [{ ...items[0], name: 'Renamed app' }, items[1], { ...items[2], kind: 'BOT' }, identity()];
    expect(await (await upsert(renamed)).json()).toEqual({ created: 1, updated: 2 });
    const first = await stored(items[0].externalId as string);
    expect(first.name).toBe('Renamed app');
    expect(first.searchText).toContain('renamed app');
    expect((await stored(items[2].externalId as string)).kind).toBe('BOT');
  });

  it('keeps the stored value of an optional field that is not given', async () => {
    const item = identity({ environment: 'staging', description: 'Nightly sync', sponsorEmail });
    await upsert(item);
    const { environment: _environment, description: _description, sponsorEmail: _sponsor, ...bare } = item;
    expect(await (await upsert({ ...bare, name: 'Nightly sync bot', environment: null })).json()).toEqual({
      created: 0,
      updated: 1,
    });
    expect(await stored(item.externalId as string)).toMatchObject({
      name: 'Nightly sync bot',
      environment: 'staging',
      description: 'Nightly sync',
      orphaned: false,
    });
  });

  it('matches identities by normalized system and externalId', async () => {
    const item = identity({ system: 'okta', externalId: 'svc-42' });
    await upsert(item);
    const response = await upsert({ ...item, system: ' OKTA ', externalId: ' svc-42 ', name: 'Renamed' });
    expect(await response.json()).toEqual({ created: 0, updated: 1 });
    expect((await stored('svc-42', 'okta')).name).toBe('Renamed');
  });

  it('keeps the sponsor of an existing AI agent when none is given', async () => {
    const agent = identity({ kind: 'AI_AGENT', sponsorEmail });
    await upsert(agent);
    const { sponsorEmail: _sponsor, ...withoutSponsor } = agent;
    expect(await (await upsert({ ...withoutSponsor, name: 'Agent v2' })).json()).toEqual({ created: 0, updated: 1 });
    expect((await stored(agent.externalId as string)).sponsorId).not.toBeNull();
  });

  it('records an audit event on each identity it changed, attributed to the key acting on its own', async () => {
    const key = await createKey('ADMIN', { name: 'terraform sync' });
    const response = await upsert([identity(), identity()], key.secret);
    expect(response.status).toBe(200);
    const db = await getDb();
    const events = await db.auditEvent.findMany({ orderBy: { seq: 'desc' }, take: 2 });
    const [event] = events;
    expect(event).toMatchObject({
      action: 'identity.upsert',
      attribution: 'AGENT_AUTONOMOUS',
      initiatorType: 'SYSTEM',
      initiatorId: key.id,
      initiatorLabel: 'api-key:terraform sync',
      executorType: 'SYSTEM',
      executorId: key.id,
      outcome: 'SUCCESS',
    });
    const created = await db.nhi.findMany({ where: { id: { in: events.map((row) => row.resource!.slice(4)) } } });
    expect(created).toHaveLength(2);
    for (const row of events) expect(JSON.parse(row.details)).toMatchObject({ via: 'api', outcome: 'created' });
  });

  it("upserts 1,000 identities in one call, each change findable in its own identity's trail", async () => {
    const items = Array.from({ length: 1000 }, (_, n) => identity({ system: 'aws', externalId: `role-${n}` }));
    expect(await (await upsert(items)).json()).toEqual({ created: 1000, updated: 0 });
    const changed = items.map((item) => ({ ...item, environment: 'production' }));
    expect(await (await upsert(changed)).json()).toEqual({ created: 0, updated: 1000 });
    const db = await getDb();
    expect(await db.nhi.count({ where: { system: 'aws', environment: 'production' } })).toBe(1000);
    const last = await db.nhi.findUniqueOrThrow({
      where: { system_externalId: { system: 'aws', externalId: 'role-999' } },
    });
    const trail = await db.auditEvent.findMany({ where: { resource: `nhi:${last.id}` }, orderBy: { seq: 'asc' } });
    expect(trail.map((event) => JSON.parse(event.details))).toMatchObject([
      { outcome: 'created' },
      { outcome: 'updated', changed: { environment: { to: 'production' } } },
    ]);
  });
});

describe('POST /api/v1/identities: who may call it', () => {
  it('answers 401 without a key, with an unknown key and with a revoked key', async () => {
    const revoked = await createKey('ADMIN', { revoked: true });
    for (const secret of [null, 'stw_admin_00000000000000000000000000000000', revoked.secret]) {
      await expectRejected([identity()], 401, 'UNAUTHENTICATED', secret);
    }
  });

  it('answers 403 to agent, ingest and audit keys, before reading their body', async () => {
    for (const kind of ['AGENT', 'INGEST', 'AUDIT'] as const) {
      const { secret } = await createKey(kind);
      await expectRejected([identity()], 403, 'FORBIDDEN', secret);
      await expectRejected('{not json', 403, 'FORBIDDEN', secret);
    }
  });
});

describe('POST /api/v1/identities: bad input writes nothing', () => {
  it('answers 400 to malformed JSON', async () => {
    await expectRejected('[{"system": "github",', 400, 'MALFORMED_JSON');
  });

  it('answers 413 to a body over 1 MiB', async () => {
    await expectRejected([identity({ description: 'x'.repeat(1024 * 1024) })], 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses names with control characters or lone surrogates, naming the item and field, and writes nothing', async () => {
    for (const name of ['agent\u0000', 'agent\u001b[2J', 'agent \ud800']) {
      const error = await expectRejected([identity(), identity({ name })], 422, 'INVALID_INPUT');
      expect(error.details?.items).toEqual([{ index: 1, field: 'name', message: expect.any(String) }]);
    }
    const sent = identity({ description: 'fine\n\tmulti-line' });
    expect(await (await upsert([sent])).json()).toEqual({ created: 1, updated: 0 });
    expect(await (await upsert([sent])).json()).toEqual({ created: 0, updated: 0 });
  });

  it('answers 422 to an empty array, to more than 1,000 items and to a body that is not an identity', async () => {
    await expectRejected([], 422, 'INVALID_INPUT');
    await expectRejected(
      Array.from({ length: 1001 }, () => identity()),
      422,
      'INVALID_INPUT',
    );
    const error = await expectRejected(42, 422, 'INVALID_INPUT');
    expect(error.details?.items).toEqual([{ index: 0, field: '_item', message: expect.any(String) }]);
  });

  it('lists every invalid item by index and field', async () => {
    const error = await expectRejected(
      [
        identity(),
        identity({ kind: 'ROBOT' }),
        identity({ system: 'Not A System!', name: '' }),
        identity({ owner: 'someone' }),
        identity({ sponsorEmail: 'not-an-email' }),
        'a string',
      ],
      422,
      'INVALID_INPUT',
    );
    expect(error.message).toMatch(/^5 of 6 identities are invalid/);
    expect(error.details?.items).toEqual([
      { index: 1, field: 'kind', message: expect.stringContaining('AI_AGENT') },
      { index: 2, field: 'system', message: expect.any(String) },
      { index: 2, field: 'name', message: 'Enter a name.' },
      { index: 3, field: 'owner', message: expect.stringContaining('Unknown field') },
      { index: 4, field: 'sponsorEmail', message: expect.any(String) },
      { index: 5, field: '_item', message: expect.any(String) },
    ]);
  });

  it('writes nothing when item 7 of 10 is invalid', async () => {
    const items = Array.from({ length: 10 }, () => identity());
    items[7] = { ...items[7], sponsorEmail: 'nobody@nowhere.example' };
    const error = await expectRejected(items, 422, 'INVALID_INPUT');
    expect(error.details?.items).toEqual([
      { index: 7, field: 'sponsorEmail', message: 'No person with this email is in Steward.' },
    ]);
    const db = await getDb();
    expect(await db.nhi.count({ where: { externalId: { in: items.map((item) => item.externalId as string) } } })).toBe(
      0,
    );
  });

  it('refuses an offboarded sponsor and an update that would fail, leaving the other items unwritten', async () => {
    const existing = identity();
    await upsert(existing);
    const offboarded = await createPerson('SPONSOR');
    const db = await getDb();
    await db.human.update({ where: { id: offboarded.humanId }, data: { status: 'OFFBOARDED' } });
    const error = await expectRejected(
      [{ ...existing, name: 'Changed' }, identity({ sponsorEmail: offboarded.email })],
      422,
      'INVALID_INPUT',
    );
    expect(error.details?.items).toEqual([
      { index: 1, field: 'sponsorEmail', message: expect.stringContaining('offboarded') },
    ]);
    expect((await stored(existing.externalId as string)).name).toBe(existing.name);
  });

  it('refuses an AI agent without a sponsor, given or already set', async () => {
    const error = await expectRejected([identity({ kind: 'AI_AGENT' })], 422, 'INVALID_INPUT');
    expect(error.details?.items).toEqual([
      { index: 0, field: 'sponsorEmail', message: expect.stringContaining('needs a sponsor') },
    ]);
    const service = identity({ kind: 'SERVICE_ACCOUNT' });
    await upsert(service);
    await expectRejected({ ...service, kind: 'AI_AGENT' }, 422, 'INVALID_INPUT');
  });

  it('refuses the same identity twice in one array', async () => {
    const item = identity({ system: 'gitlab', externalId: 'runner-1' });
    const error = await expectRejected(
      [item, identity(), { ...item, system: 'GitLab', name: 'Other name' }],
      422,
      'INVALID_INPUT',
    );
    expect(error.details?.items).toEqual([
      { index: 2, field: 'externalId', message: expect.stringContaining('item 0') },
    ]);
  });
});
