import { randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canonicalDetails } from '../../lib/audit/chain';
import { verifyAuditChain } from '../../lib/audit/verify';
import { borrowedRefreshSettled } from '../../lib/borrowed/refresh';
import type { KeyActor } from '../../lib/auth/actor';
import { generateApiKey } from '../../lib/auth/api-keys';
import { getDb } from '../../lib/db';
import type { ApiKeyKind } from '../../lib/db/generated/sqlite/enums';
import { importEvents, importEventsAsOperator } from '../../lib/ingest/import';
import { normalizedFromStored } from '../../lib/ingest/stored';
import type { IngestFormat } from '../../lib/ingest/types';
import { createPerson } from '../support/people';

type Native = Record<string, unknown>;

function bytesOf(text: string, size = 4096): AsyncIterable<Uint8Array> {
  const buffer = Buffer.from(text);
  return (async function* () {
    for (let offset = 0; offset < buffer.length; offset += size) yield buffer.subarray(offset, offset + size);
  })();
}

function ndjson(records: unknown[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n');
}

function operatorImport(format: IngestFormat, text: string) {
  return importEventsAsOperator('test:ingest', format, bytesOf(text));
}

let counter = 0;
function nativeEvent(overrides: Native = {}, principal: Native = {}): Native {
  counter += 1;
  return {
    source: 'mcp-gateway',
    sourceEventId: `evt-${randomUUID()}`,
    occurredAt: new Date(Date.UTC(2026, 9, 1, 9, 0, counter % 60)).toISOString(),
    action: 'tools/call:create_issue',
    resource: 'github:acme/api',
    principal: { kind: 'person', externalId: `user-${counter}`, ...principal },
    client: { userAgent: 'Mozilla/5.0 (Macintosh) Safari/605.1.15', ip: '203.0.113.7' },
    interactive: true,
    ...overrides,
  };
}

async function chainState() {
  const db = await getDb();
  const [head, events, nhis, aliases] = await Promise.all([
    db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } }),
    db.auditEvent.count(),
    db.nhi.count(),
    db.personAlias.count(),
  ]);
  return { seq: head.seq, hash: head.hash, events, nhis, aliases };
}

async function storedEvent(source: string, sourceEventId: string) {
  const db = await getDb();
  return db.auditEvent.findUniqueOrThrow({ where: { source_sourceEventId: { source, sourceEventId } } });
}

async function createKey(kind: ApiKeyKind): Promise<KeyActor> {
  const { prefix, keyHash } = generateApiKey(kind);
  const db = await getDb();
  const key = await db.apiKey.create({ data: { kind, name: `test ${kind}`, prefix, keyHash } });
  return { kind: 'key', keyId: key.id, keyKind: kind, keyName: key.name, nhiId: null };
}

let knownPerson: { id: string; email: string };

beforeAll(async () => {
  const person = await createPerson(null);
  knownPerson = { id: person.humanId, email: person.email };
});

// A key's import refreshes the cases after it answers; the next test must not see that refresh's audit event.
afterEach(borrowedRefreshSettled);

describe('importing events', () => {
  it('appends every valid record with its attribution, principals and imported details, plus the import event', async () => {
    const browser = nativeEvent({}, { email: knownPerson.email, externalId: knownPerson.email });
    const machine = nativeEvent(
      { client: { userAgent: 'python-requests/2.31', ip: null }, interactive: false },
      { kind: 'machine', externalId: `svc-${randomUUID()}`, displayName: 'Nightly sync' },
    );
    const summary = await operatorImport('native', ndjson([browser, machine]));
    expect(summary).toEqual({ accepted: 2, duplicates: 0, rejected: [] });

    const person = await storedEvent('mcp-gateway', browser.sourceEventId as string);
    expect(person).toMatchObject({
      action: 'tools/call:create_issue',
      resource: 'github:acme/api',
      outcome: 'SUCCESS',
      attribution: 'HUMAN',
      initiatorType: 'HUMAN',
      initiatorId: knownPerson.id,
      executorType: 'HUMAN',
      executorId: knownPerson.id,
      executorLabel: knownPerson.email,
    });
    expect(person.occurredAt.toISOString()).toBe(browser.occurredAt);
    expect(normalizedFromStored(person)?.client.userAgent).toContain('Safari');

    const robot = await storedEvent('mcp-gateway', machine.sourceEventId as string);
    const db = await getDb();
    const discovered = await db.nhi.findUniqueOrThrow({
      where: {
        system_externalId: { system: 'mcp-gateway', externalId: (machine.principal as Native).externalId as string },
      },
    });
    expect(robot).toMatchObject({ executorType: 'NHI', executorId: discovered.id, attribution: 'AGENT_AUTONOMOUS' });

    const importEvent = await db.auditEvent.findFirstOrThrow({
      where: { action: 'events.import' },
      orderBy: { seq: 'desc' },
    });
    expect(importEvent).toMatchObject({ source: 'steward', initiatorType: 'SYSTEM', initiatorLabel: 'test:ingest' });
    expect(JSON.parse(importEvent.details)).toMatchObject({
      format: 'native',
      accepted: 2,
      duplicates: 0,
      rejected: 0,
    });
    expect(importEvent.seq).toBeGreaterThan(robot.seq);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it('adds nothing when the same file is imported again, and counts repeats within one input', async () => {
    const events = [nativeEvent(), nativeEvent(), nativeEvent()];
    const text = ndjson([...events, events[1]]);
    expect(await operatorImport('native', text)).toEqual({ accepted: 3, duplicates: 1, rejected: [] });
    const before = await chainState();
    expect(await operatorImport('native', text)).toEqual({ accepted: 0, duplicates: 4, rejected: [] });
    expect(await chainState()).toEqual(before);
  });

  it('counts a repeat as a duplicate however far apart in a large input', async () => {
    const many = Array.from({ length: 4_100 }, () => nativeEvent());
    const summary = await operatorImport('native', ndjson([...many, many[0], many[4_000]]));
    expect(summary).toEqual({ accepted: 4_100, duplicates: 2, rejected: [] });
  });

  it('commits the valid records of a batch with bad lines together and lists the bad ones by line', async () => {
    const good = [nativeEvent(), nativeEvent()];
    const { occurredAt: _missing, ...timeless } = nativeEvent();
    const text = [
      JSON.stringify(good[0]),
      '{"source": "mcp-gateway", broken',
      JSON.stringify(timeless),
      JSON.stringify(good[1]),
    ].join('\n');
    const summary = await operatorImport('native', text);
    expect(summary.accepted).toBe(2);
    expect(summary.rejected.map((rejected) => rejected.line)).toEqual([2, 3]);
    for (const rejected of summary.rejected) expect(rejected.error).toEqual(expect.any(String));
    await storedEvent('mcp-gateway', good[0].sourceEventId as string);
    await storedEvent('mcp-gateway', good[1].sourceEventId as string);
  });

  it('writes nothing when the input fails in the middle of the import', async () => {
    const before = await chainState();
    const records = Array.from({ length: 30 }, (_, index) =>
      nativeEvent({}, index % 3 === 0 ? { kind: 'machine', externalId: `svc-broken-${index}` } : {}),
    );
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(`${ndjson(records)}\n`);
      throw new Error('The connection was reset.');
    }
    await expect(importEventsAsOperator('test:ingest', 'native', failing())).rejects.toThrow('reset');
    expect(await chainState()).toEqual(before);
  });

  it('answers an input with nothing valid without writing anything', async () => {
    const before = await chainState();
    const summary = await operatorImport('native', 'not json\n{"source": 1}');
    expect(summary.accepted).toBe(0);
    expect(summary.rejected).toHaveLength(2);
    expect(await chainState()).toEqual(before);
  });
});

describe('resolving principals', () => {
  it('discovers a machine once, with the first and last time it was seen, and audits the discovery', async () => {
    const externalId = `agent-${randomUUID()}`;
    const principal = { kind: 'machine', externalId, displayName: 'Release notes agent', declaredAgent: true };
    const early = nativeEvent({ occurredAt: '2026-10-02T08:00:00.000Z' }, principal);
    const late = nativeEvent({ occurredAt: '2026-10-05T18:30:00.000Z' }, principal);
    const middle = nativeEvent({ occurredAt: '2026-10-03T12:00:00.000Z' }, principal);
    expect((await operatorImport('native', ndjson([middle, late, early]))).accepted).toBe(3);

    const db = await getDb();
    const nhi = await db.nhi.findUniqueOrThrow({ where: { system_externalId: { system: 'mcp-gateway', externalId } } });
    expect(nhi).toMatchObject({ status: 'DISCOVERED', kind: 'AI_AGENT', name: 'Release notes agent' });
    expect(nhi.discoveredAt?.toISOString()).toBe('2026-10-02T08:00:00.000Z');
    expect(nhi.lastSeenAt?.toISOString()).toBe('2026-10-05T18:30:00.000Z');
    expect(nhi.searchText).toContain('release notes agent');
    expect(nhi.nameKey).toBe('release notes agent');
    const discovery = await db.auditEvent.findMany({ where: { action: 'nhi.discover', resource: `nhi:${nhi.id}` } });
    expect(discovery).toHaveLength(1);

    const later = nativeEvent({ occurredAt: '2026-10-09T07:00:00.000Z' }, principal);
    expect((await operatorImport('native', ndjson([later]))).accepted).toBe(1);
    const again = await db.nhi.findUniqueOrThrow({ where: { id: nhi.id } });
    expect(again.lastSeenAt?.toISOString()).toBe('2026-10-09T07:00:00.000Z');
    expect(again.discoveredAt?.toISOString()).toBe('2026-10-02T08:00:00.000Z');
    expect(await db.nhi.count({ where: { system: 'mcp-gateway', externalId } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'nhi.discover', resource: `nhi:${nhi.id}` } })).toBe(1);
  });

  it('does not take a provider’s own services for NHIs, and names one AWS role for all its sessions', async () => {
    const service = {
      eventVersion: '1.08',
      userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' },
      eventTime: '2026-10-01T10:00:00Z',
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      awsRegion: 'eu-west-1',
      sourceIPAddress: 'lambda.amazonaws.com',
      userAgent: 'lambda.amazonaws.com',
      eventID: randomUUID(),
      recipientAccountId: '111122223333',
    };
    const role = `importer-${randomUUID().slice(0, 8)}`;
    const session = (instance: string) => ({
      ...service,
      eventID: randomUUID(),
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      sourceIPAddress: '10.0.0.5',
      userAgent: 'aws-sdk-java/2.20',
      userIdentity: {
        type: 'AssumedRole',
        principalId: `AROAEXAMPLE:${instance}`,
        arn: `arn:aws:sts::111122223333:assumed-role/${role}/${instance}`,
        accountId: '111122223333',
        accessKeyId: 'ASIAEXAMPLE000000001',
        sessionContext: {
          sessionIssuer: { type: 'Role', arn: `arn:aws:iam::111122223333:role/${role}`, userName: role },
          ec2RoleDelivery: '2.0',
        },
      },
    });
    const before = await chainState();
    const summary = await operatorImport(
      'cloudtrail',
      JSON.stringify({ Records: [service, session('i-0123456789abcdef0'), session('i-0fedcba9876543210')] }),
    );
    expect(summary).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const db = await getDb();
    const found = await db.nhi.findMany({ where: { system: 'aws', name: role } });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      externalId: `arn:aws:iam::111122223333:role/${role}`,
      status: 'DISCOVERED',
    });
    expect((await chainState()).nhis).toBe(before.nhis + 1);
    const serviceEvent = await storedEvent('aws', service.eventID);
    expect(serviceEvent).toMatchObject({
      executorType: 'NHI',
      executorId: null,
      executorLabel: 'lambda.amazonaws.com',
    });
  });

  it('matches people by email, learns the alias a source uses for them, and resolves by it later', async () => {
    const person = await createPerson(null);
    const oktaId = `00u${randomUUID().replace(/-/g, '').slice(0, 17)}`;
    const withEmail = nativeEvent({ source: 'okta' }, { externalId: oktaId, email: person.email.toUpperCase() });
    expect((await operatorImport('native', ndjson([withEmail]))).accepted).toBe(1);
    const db = await getDb();
    expect(
      await db.personAlias.findUnique({ where: { system_externalId: { system: 'okta', externalId: oktaId } } }),
    ).toMatchObject({
      humanId: person.humanId,
    });
    expect(await storedEvent('okta', withEmail.sourceEventId as string)).toMatchObject({
      initiatorId: person.humanId,
      executorLabel: person.email,
    });

    const idOnly = nativeEvent({ source: 'okta' }, { externalId: oktaId });
    expect((await operatorImport('native', ndjson([idOnly]))).accepted).toBe(1);
    expect(await storedEvent('okta', idOnly.sourceEventId as string)).toMatchObject({
      executorType: 'HUMAN',
      executorId: person.humanId,
    });
    expect(await db.personAlias.count({ where: { humanId: person.humanId } })).toBe(1);
  });

  it('keeps a person the directory does not know as a person, with their external identity', async () => {
    const stranger = nativeEvent({}, { externalId: 'octo-stranger', email: 'stranger@elsewhere.example' });
    await operatorImport('native', ndjson([stranger]));
    expect(await storedEvent('mcp-gateway', stranger.sourceEventId as string)).toMatchObject({
      executorType: 'HUMAN',
      executorId: null,
      executorLabel: 'stranger@elsewhere.example',
    });
  });

  it('records a delegated agent session with the person as initiator and the agent as executor', async () => {
    const agent = nativeEvent(
      { delegation: { kind: 'agent_session', chain: [knownPerson.email] }, interactive: false },
      { kind: 'machine', externalId: `copilot-${randomUUID().slice(0, 8)}`, declaredAgent: true },
    );
    await operatorImport('native', ndjson([agent]));
    const stored = await storedEvent('mcp-gateway', agent.sourceEventId as string);
    expect(stored).toMatchObject({
      initiatorType: 'HUMAN',
      initiatorId: knownPerson.id,
      executorType: 'NHI',
      attribution: 'AGENT_DELEGATED',
    });
    expect(stored.executorId).toEqual(expect.any(String));
  });

  it('names the inventory credential an event used', async () => {
    const db = await getDb();
    const fingerprint = `AKIA${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`;
    const credential = await db.credential.create({
      data: { kind: 'ACCESS_KEY', name: 'Deploy key', system: 'aws', fingerprint, subjectHumanId: knownPerson.id },
    });
    const event = nativeEvent(
      {
        credential: { type: 'long_lived_access_key', id: fingerprint },
        client: { userAgent: 'aws-cli/2.15 Python/3.11', ip: '198.51.100.4' },
        interactive: false,
      },
      { email: knownPerson.email, externalId: knownPerson.email },
    );
    await operatorImport('native', ndjson([event]));
    expect(await storedEvent('mcp-gateway', event.sourceEventId as string)).toMatchObject({
      credentialId: credential.id,
      credentialKind: 'ACCESS_KEY',
      credentialSubjectType: 'HUMAN',
    });
  });
});

describe('who may import', () => {
  it('lets an ingest key and the security team import, and refuses others before reading', async () => {
    const event = nativeEvent();
    expect((await importEvents(await createKey('INGEST'), 'native', bytesOf(ndjson([event])))).accepted).toBe(1);
    const security = await createPerson('SECURITY');
    expect((await importEvents(security, 'native', bytesOf(ndjson([nativeEvent()])))).accepted).toBe(1);

    const before = await chainState();
    for (const actor of [
      await createKey('ADMIN'),
      await createKey('AUDIT'),
      await createPerson('AUDITOR'),
      await createPerson('SPONSOR'),
    ]) {
      await expect(importEvents(actor, 'native', bytesOf(ndjson([nativeEvent()])))).rejects.toMatchObject({
        status: 403,
      });
    }
    expect(await chainState()).toEqual(before);
  });

  it('records the key as the importer and its last use', async () => {
    const key = await createKey('INGEST');
    await importEvents(key, 'native', bytesOf(ndjson([nativeEvent()])));
    const db = await getDb();
    const recorded = await db.auditEvent.findFirstOrThrow({
      where: { action: 'events.import' },
      orderBy: { seq: 'desc' },
    });
    expect(recorded).toMatchObject({
      initiatorType: 'SYSTEM',
      initiatorId: key.keyId,
      initiatorLabel: `api-key:${key.keyName}`,
    });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.keyId } })).lastUsedAt).not.toBeNull();
  });
});

describe('laws', () => {
  const pool = Array.from({ length: 12 }, (_, index) =>
    nativeEvent(
      { sourceEventId: `law-${index}` },
      index % 4 === 0 ? { kind: 'machine', externalId: `law-bot-${index}` } : { externalId: `law-user-${index % 3}` },
    ),
  );

  it('importing any subset a second time changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(pool, { minLength: 1 }), async (subset) => {
        await operatorImport('native', ndjson(subset));
        const before = await chainState();
        const again = await operatorImport('native', ndjson(subset));
        expect(again).toEqual({ accepted: 0, duplicates: subset.length, rejected: [] });
        expect(await chainState()).toEqual(before);
      }),
      { numRuns: 12 },
    );
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it('writes details as RFC 8785 canonical JSON', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.string(), fc.nat().map(String)), fc.jsonValue()), (details) => {
        expect(canonicalDetails(details)).toBe(canonicalize(details));
      }),
      { numRuns: 2_000 },
    );
  });
});
