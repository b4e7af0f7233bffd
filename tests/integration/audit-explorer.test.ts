import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditFilterSchema, type AuditFilters } from '../../lib/audit/explorer-filters';
import { getAuditEvent, listAuditEvents, parseAuditFilters } from '../../lib/audit/explorer';
import type { HumanActor } from '../../lib/auth/actor';
import { borrowedRefreshSettled } from '../../lib/borrowed/refresh';
import { authorize } from '../../lib/decisions/authorize';
import { getDb } from '../../lib/db';
import { importEventsAsOperator } from '../../lib/ingest/import';
import { createPerson } from '../support/people';
import { approvedScope } from '../support/scopes';

type StoredEvent = Awaited<ReturnType<typeof allEvents>>[number];

async function allEvents() {
  const db = await getDb();
  return db.auditEvent.findMany({ orderBy: [{ occurredAt: 'desc' }, { seq: 'desc' }] });
}

function bytesOf(text: string): AsyncIterable<Uint8Array> {
  return (async function* () {
    yield Buffer.from(text);
  })();
}

const IMPORT_DAY = '2026-10-01';
const TRACE = '0af7651916cd43dd8448eb211c80319c';

/** Imported events: two people with no account in Steward and a machine, several of them in the same second. */
function importedRecords() {
  const records: Record<string, unknown>[] = [];
  for (let index = 0; index < 30; index += 1) {
    const person = index % 3 === 0 ? 'alice.chen' : index % 3 === 1 ? 'bob.ito' : null;
    records.push({
      source: index % 2 === 0 ? 'mcp-gateway' : 'ci-runner',
      sourceEventId: `evt-${randomUUID()}`,
      // Every fifth second holds five events: the cursor must tell them apart by seq.
      occurredAt: `${IMPORT_DAY}T09:00:${String(Math.floor(index / 5)).padStart(2, '0')}Z`,
      action: index % 4 === 0 ? 'repo.push' : 'tools/call:create_issue',
      resource: index % 2 === 0 ? 'github:acme/api' : 'github:acme/web',
      outcome: index % 7 === 0 ? 'FAILURE' : 'SUCCESS',
      principal: person
        ? { kind: 'person', externalId: person }
        : { kind: 'machine', externalId: 'build-runner', declaredAgent: false },
      credential: { type: person ? 'long_lived_access_key' : 'api_token', id: `AKIA${index % 2}` },
      interactive: person ? index % 2 === 0 : false,
    });
  }
  return records.map((record) => JSON.stringify(record)).join('\n');
}

let auditor: HumanActor;
let sponsor: HumanActor;
let scope: Awaited<ReturnType<typeof approvedScope>>;
let markedSeqs: number[];
let events: StoredEvent[];
let marks: Map<number, string>;
let correlated: Map<string, Set<number>>;

beforeAll(async () => {
  auditor = await createPerson('AUDITOR');
  sponsor = await createPerson('SPONSOR');
  scope = await approvedScope();
  const ask = { token: scope.token, resource: 'github:acme/payments/pull/7', clientAddress: '192.0.2.10' };
  await authorize({ ...ask, action: 'github:pulls.read', via: 'authorize', correlationId: TRACE });
  await authorize({ ...ask, action: 'github:pulls.merge', via: 'authorize', correlationId: TRACE });
  await authorize({ ...ask, action: 'github:pulls.read', via: 'authorize' });
  await importEventsAsOperator('test:explorer', 'native', bytesOf(importedRecords()));
  await borrowedRefreshSettled();

  const db = await getDb();
  const alreadyMarked = (await db.borrowedEventMark.findMany({ select: { seq: true } })).map((mark) => mark.seq);
  const humans = await db.auditEvent.findMany({
    where: { attribution: 'HUMAN', source: 'mcp-gateway', seq: { notIn: alreadyMarked } },
    orderBy: { seq: 'asc' },
    take: 3,
  });
  expect(humans).toHaveLength(3);
  markedSeqs = humans.map((event) => event.seq);
  await db.borrowedEventMark.createMany({
    data: humans.map((event) => ({
      seq: event.seq,
      caseId: 'case-from-test',
      storedAttribution: event.attribution,
      day: event.occurredAt.toISOString().slice(0, 10),
    })),
  });
  events = await allEvents();
  marks = new Map((await db.borrowedEventMark.findMany()).map((mark) => [mark.seq, mark.caseId]));
  correlated = new Map();
  for (const row of await db.auditCorrelation.findMany()) {
    const seqs = correlated.get(row.correlationId) ?? new Set<number>();
    seqs.add(row.seq);
    correlated.set(row.correlationId, seqs);
  }
});

/** The filters' meaning, written out over the whole chain in memory. */
function expected(filters: AuditFilters): number[] {
  const principal = (id: string | null, label: string | null, value: string) =>
    id === value || (id === null && label === value);
  const day = (value: string) => Date.parse(`${value}T00:00:00Z`);
  const isDay = (value: string) => !value.includes('T');
  const from = filters.from ? (isDay(filters.from) ? day(filters.from) : Date.parse(filters.from)) : -Infinity;
  const to = filters.to ? (isDay(filters.to) ? day(filters.to) + 86_400_000 : Date.parse(filters.to) + 1) : Infinity;
  return events
    .filter((event) => {
      const effective = marks.has(event.seq) ? 'AGENT_BORROWED' : event.attribution;
      const time = event.occurredAt.getTime();
      return (
        (!filters.initiator || principal(event.initiatorId, event.initiatorLabel, filters.initiator)) &&
        (!filters.executor || principal(event.executorId, event.executorLabel, filters.executor)) &&
        (!filters.attribution || effective === filters.attribution) &&
        (!filters.source || event.source === filters.source) &&
        (!filters.action || event.action === filters.action) &&
        (!filters.resource || event.resource === filters.resource) &&
        (!filters.outcome || event.outcome === filters.outcome) &&
        (!filters.correlation || (correlated.get(filters.correlation)?.has(event.seq) ?? false)) &&
        (!filters.scope || event.scopeId === filters.scope) &&
        (!filters.credential || event.credentialId === filters.credential) &&
        time >= from &&
        time < to
      );
    })
    .map((event) => event.seq);
}

/** Every page of a listing, 7 events at a time, following each page's cursor. */
async function everyPage(filters: AuditFilters): Promise<number[]> {
  const seqs: number[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages += 1) {
    const page = await listAuditEvents(auditor, filters, { cursor, limit: 7 });
    expect(page.events.length).toBeLessThanOrEqual(7);
    seqs.push(...page.events.map((event) => event.seq));
    if (!page.nextCursor) return seqs;
    expect(page.events).toHaveLength(7);
    cursor = page.nextCursor;
  }
  throw new Error('The cursor never ended');
}

describe('the audit explorer', () => {
  it('visits every event exactly once, newest first, seven at a time', async () => {
    const seqs = await everyPage(parseAuditFilters({}));
    expect(seqs).toEqual(events.map((event) => event.seq));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('narrows by each filter to exactly the matching events, on every page', async () => {
    const db = await getDb();
    const decision = await db.auditEvent.findFirstOrThrow({ where: { action: 'runtime.authorize' } });
    const labelled = events.find((event) => event.executorId === null && event.executorLabel !== null);
    const discovered = events.find((event) => event.source === 'ci-runner' && event.executorId !== null);
    const cases: Record<string, string>[] = [
      { initiator: scope.initiator.humanId },
      { initiator: 'alice.chen' },
      { executor: scope.nhi.id },
      { executor: labelled?.executorLabel ?? 'none' },
      { executor: discovered?.executorId ?? 'none' },
      { attribution: 'HUMAN' },
      { attribution: 'AGENT_DELEGATED' },
      { attribution: 'AGENT_AUTONOMOUS' },
      { attribution: 'AGENT_BORROWED' },
      { attribution: 'UNKNOWN' },
      { source: 'mcp-gateway' },
      { action: 'runtime.authorize' },
      { action: 'scope.approve' },
      { resource: 'github:acme/web' },
      { outcome: 'FAILURE' },
      { outcome: 'DENIED' },
      { correlation: TRACE },
      { scope: scope.scopeId },
      { credential: decision.credentialId ?? 'none' },
      { from: IMPORT_DAY, to: IMPORT_DAY },
      { from: `${IMPORT_DAY}T09:00:02Z`, to: `${IMPORT_DAY}T09:00:04Z` },
      { to: IMPORT_DAY },
      { source: 'mcp-gateway', attribution: 'HUMAN', outcome: 'SUCCESS' },
      { initiator: 'alice.chen', action: 'repo.push', from: IMPORT_DAY },
    ];
    for (const raw of cases) {
      const filters = parseAuditFilters(raw);
      const want = expected(filters);
      expect(want.length, JSON.stringify(raw)).toBeGreaterThan(0);
      expect(want.length, JSON.stringify(raw)).toBeLessThan(events.length);
      expect(await everyPage(filters), JSON.stringify(raw)).toEqual(want);
    }
  });

  it('reads an event a borrowed-credential case covers as AGENT_BORROWED, whatever was stored', async () => {
    const borrowed = await everyPage(parseAuditFilters({ attribution: 'AGENT_BORROWED' }));
    for (const seq of markedSeqs) expect(borrowed).toContain(seq);
    const human = await everyPage(parseAuditFilters({ attribution: 'HUMAN' }));
    for (const seq of markedSeqs) expect(human).not.toContain(seq);

    const page = await listAuditEvents(auditor, parseAuditFilters({ attribution: 'AGENT_BORROWED' }), { limit: 500 });
    const marked = page.events.find((event) => event.seq === markedSeqs[0]);
    expect(marked).toMatchObject({
      attribution: 'AGENT_BORROWED',
      storedAttribution: 'HUMAN',
      borrowedCaseId: 'case-from-test',
    });
  });

  it('names the people and identities of a page, and keeps what each event records', async () => {
    const page = await listAuditEvents(
      auditor,
      parseAuditFilters({ scope: scope.scopeId, action: 'runtime.authorize' }),
    );
    expect(page.events).toHaveLength(3);
    for (const event of page.events) {
      expect(event.initiator).toMatchObject({ type: 'HUMAN', id: scope.initiator.humanId, name: 'Test AUDITOR' });
      expect(event.executor).toMatchObject({ type: 'NHI', id: scope.nhi.id, name: scope.nhi.name });
      expect(event.credential).toMatchObject({ kind: 'TASK_TOKEN' });
      expect(event.attribution).toBe('AGENT_DELEGATED');
    }
    expect(page.events.filter((event) => event.correlationId === TRACE)).toHaveLength(2);
  });

  it('refuses filters it does not understand, naming each, and writes nothing', async () => {
    const db = await getDb();
    const before = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    const refused: [Record<string, unknown>, string][] = [
      [{ attribution: 'ROBOT' }, 'attribution'],
      [{ outcome: 'MAYBE' }, 'outcome'],
      [{ from: '2026-02-30' }, 'from'],
      [{ to: 'yesterday' }, 'to'],
      [{ from: '2026-05-02', to: '2026-05-01' }, 'to'],
      [{ seq: 'first' }, 'seq'],
      [{ initiator: 'a\u0000b' }, 'initiator'],
      [{ cursor: 'x'.repeat(201) }, 'cursor'],
    ];
    for (const [raw, field] of refused) {
      expect(() => parseAuditFilters(raw), JSON.stringify(raw)).toThrowError(
        expect.objectContaining({
          status: 400,
          details: { fieldErrors: expect.objectContaining({ [field]: expect.any(Array) }) },
        }),
      );
    }
    expect(() => parseAuditFilters({ colour: 'blue' })).toThrowError(expect.objectContaining({ status: 400 }));
    for (const cursor of ['not-a-cursor', Buffer.from('[1,2]').toString('base64url')])
      await expect(listAuditEvents(auditor, auditFilterSchema.parse({}), { cursor })).rejects.toMatchObject({
        status: 400,
      });
    expect(await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).toEqual(before);
  });

  it('is for readers of the audit trail only', async () => {
    await expect(listAuditEvents(sponsor, parseAuditFilters({}))).rejects.toMatchObject({ status: 403 });
    await expect(getAuditEvent(sponsor, 1)).rejects.toMatchObject({ status: 403 });
  });

  it('opens one event with its place in the chain, its neighbours and links to what it names', async () => {
    const db = await getDb();
    const decision = await db.auditEvent.findFirstOrThrow({
      where: { action: 'runtime.authorize', scopeId: scope.scopeId },
      orderBy: { seq: 'asc' },
    });
    const detail = await getAuditEvent(auditor, decision.seq);
    expect(detail.event).toMatchObject({
      seq: decision.seq,
      chain: { prevHash: decision.prevHash, hash: decision.hash, hashVersion: decision.hashVersion },
      details: { decision: 'allow', correlationId: TRACE },
    });
    expect(detail.previousSeq).toBe(decision.seq - 1);
    expect(detail.nextSeq).toBe(decision.seq + 1);
    expect(detail.scope).toMatchObject({ id: scope.scopeId, nhiId: scope.nhi.id });
    const hrefs = detail.links.map((link) => link.href);
    expect(hrefs).toEqual(
      expect.arrayContaining([
        `/inventory/people/${scope.initiator.humanId}`,
        `/inventory/identities/${scope.nhi.id}`,
        `/inventory/credentials/${decision.credentialId}`,
        `/audit?scope=${scope.scopeId}`,
        `/audit?correlation=${TRACE}`,
      ]),
    );
    await expect(getAuditEvent(auditor, 10_000_000)).rejects.toMatchObject({ status: 404 });
    const first = await getAuditEvent(auditor, 1);
    expect(first.previousSeq).toBeNull();
  });
});
