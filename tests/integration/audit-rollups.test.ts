import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshBorrowedCases } from '../../lib/borrowed/refresh';
import { loadAuditCharts } from '../../lib/charts/audit-charts';
import { auditChartCsv, chartCsv } from '../../lib/charts/csv';
import { ATTRIBUTIONS } from '../../lib/charts/shape';
import { getDb } from '../../lib/db';
import type { Attribution } from '../../lib/db/generated/sqlite/enums';
import { authorize, type AuthorizeRequest } from '../../lib/decisions/authorize';
import { importEventsAsOperator } from '../../lib/ingest/import';
import { revokeScope } from '../../lib/scopes/revoke';
import { createPerson } from '../support/people';
import { approvedScope } from '../support/scopes';
import { agentUse, appendImported, BOTO3, browserUse, DAY, T0 } from './borrowed-events';

/**
 * The counters beside the chain (daily rollups, initiator/executor pairs, runtime decisions) and the marks
 * detection leaves must say what a direct count over the events says, after imports, decisions and revocations;
 * the charts built from them must too.
 */

function bytesOf(text: string): AsyncIterable<Uint8Array> {
  return (async function* () {
    yield Buffer.from(text);
  })();
}

let counter = 0;
function nativeEvent(at: number, principal: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  counter += 1;
  return {
    source: 'mcp-gateway',
    sourceEventId: `rollup-${randomUUID()}`,
    occurredAt: new Date(at + counter * 1000).toISOString(),
    action: 'tools/call:create_issue',
    resource: 'github:acme/api',
    principal,
    ...extra,
  };
}

async function importNative(records: unknown[]) {
  const text = records.map((record) => JSON.stringify(record)).join('\n');
  return importEventsAsOperator('test:rollups', 'native', bytesOf(text));
}

function asking(token: string, overrides: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
  return {
    token,
    action: 'github:pulls.read',
    resource: 'github:acme/payments/pulls/7',
    clientAddress: '198.51.100.30',
    via: 'authorize',
    ...overrides,
  };
}

function countBy<T>(rows: readonly T[], key: (row: T) => string, weight: (row: T) => number = () => 1) {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + weight(row));
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const principalKey = (type: string, id: string | null, label: string | null) => `${type}:${id ?? label ?? ''}`;

async function allEvents() {
  const db = await getDb();
  return db.auditEvent.findMany({
    select: {
      seq: true,
      occurredAt: true,
      source: true,
      action: true,
      details: true,
      attribution: true,
      outcome: true,
      initiatorType: true,
      initiatorId: true,
      initiatorLabel: true,
      executorType: true,
      executorId: true,
      executorLabel: true,
    },
    orderBy: { seq: 'asc' },
  });
}

type StoredEvent = Awaited<ReturnType<typeof allEvents>>[number];

beforeAll(async () => {
  const priya = await createPerson(null);
  const dan = await createPerson(null);
  const start = T0 - 3 * DAY;
  const person = (who: { email: string; name: string }) => ({
    kind: 'person',
    externalId: who.email,
    email: who.email,
    displayName: who.name,
  });
  const agent = (name: string) => ({ kind: 'machine', externalId: name, sourceType: 'Agent', declaredAgent: true });
  await importNative([
    nativeEvent(start, person(priya)),
    nativeEvent(start, person(dan), { outcome: 'FAILURE' }),
    nativeEvent(start, agent('pr-review-agent'), {
      delegation: { kind: 'agent_session', chain: [priya.email] },
    }),
    nativeEvent(start, agent('pr-review-agent'), {
      delegation: { kind: 'on_behalf_of', chain: [priya.email] },
      outcome: 'DENIED',
    }),
    nativeEvent(start + DAY, agent('release-agent'), { delegation: { kind: 'agent_session', chain: [dan.email] } }),
    nativeEvent(start + DAY, agent('release-agent')),
    nativeEvent(start + DAY, { kind: 'unknown', externalId: 'cron@build-host' }),
  ]);

  await appendImported([
    ...browserUse('nadia', T0, 3),
    ...agentUse('nadia', 'AKIANADIA00000000009', T0 + DAY, 6, 10, BOTO3),
  ]);
  await refreshBorrowedCases({ now: new Date(T0 + 20 * DAY) });

  const live = await approvedScope();
  await authorize(asking(live.token));
  await authorize(asking(live.token));
  await authorize(asking(live.token, { action: 'github:pulls.merge' }));
  await authorize(asking('stw_task_not-a-token'));
  const revoked = await approvedScope();
  await authorize(asking(revoked.token));
  await revokeScope(revoked.sponsor, { scopeId: revoked.scopeId, reason: 'task cancelled' });
  await authorize(asking(revoked.token));
  await authorize(asking(revoked.token, { resource: 'github:acme/billing/pulls/1' }));
});

describe('audit counters against a direct count of the events', () => {
  it('the daily rollups count events by day, attribution, outcome and principal types', async () => {
    const db = await getDb();
    const events = await allEvents();
    const rollups = await db.auditDailyRollup.findMany();
    const key = (row: { attribution: string; outcome: string; initiatorType: string; executorType: string }) =>
      [row.attribution, row.outcome, row.initiatorType, row.executorType].join('|');
    expect(
      countBy(
        rollups,
        (row) => `${row.day}|${key(row)}`,
        (row) => row.count,
      ),
    ).toEqual(countBy(events, (event) => `${day(event.occurredAt)}|${key(event)}`));
    expect(new Set(events.map((event) => event.attribution)).size).toBeGreaterThanOrEqual(4);
  });

  it('the pair rollups count events by day, initiator and executor', async () => {
    const db = await getDb();
    const events = await allEvents();
    const pairs = await db.auditDailyPairRollup.findMany();
    for (const pair of pairs) {
      expect(pair.initiatorKey).toBe(principalKey(pair.initiatorType, pair.initiatorId, pair.initiatorLabel));
      expect(pair.executorKey).toBe(principalKey(pair.executorType, pair.executorId, pair.executorLabel));
    }
    expect(
      countBy(
        pairs,
        (pair) => [pair.day, pair.initiatorKey, pair.executorKey].join('|'),
        (pair) => pair.count,
      ),
    ).toEqual(
      countBy(events, (event) =>
        [
          day(event.occurredAt),
          principalKey(event.initiatorType, event.initiatorId, event.initiatorLabel),
          principalKey(event.executorType, event.executorId, event.executorLabel),
        ].join('|'),
      ),
    );
    expect(pairs.some((pair) => pair.initiatorType === 'HUMAN' && pair.executorType === 'NHI')).toBe(true);
  });

  it('the decision rollups count runtime decisions by day, decision and reason', async () => {
    const db = await getDb();
    const decisions = (await allEvents()).filter(
      (event) => event.action === 'runtime.authorize' && event.source === 'steward',
    );
    const rollups = await db.decisionDailyRollup.findMany();
    const direct = countBy(
      decisions,
      (event) => {
        const details = JSON.parse(event.details) as { decision: string; reason: string };
        return [day(event.occurredAt), details.decision, details.reason].join('|');
      },
      (event) => 1 + ((JSON.parse(event.details) as { deniedEarlier?: number }).deniedEarlier ?? 0),
    );
    expect(
      countBy(
        rollups,
        (row) => [row.day, row.decision, row.reason].join('|'),
        (row) => row.count,
      ),
    ).toEqual(direct);
    expect(new Set(rollups.map((row) => row.reason))).toEqual(
      new Set(['ALLOWED', 'ACTION_NOT_IN_SCOPE', 'TOKEN_UNKNOWN', 'TOKEN_REVOKED']),
    );
  });
});

describe('the audit charts against a direct count of the events', () => {
  async function charts() {
    const events = await allEvents();
    const days = events.map((event) => day(event.occurredAt)).sort();
    const auditor = await createPerson('AUDITOR');
    const data = await loadAuditCharts(auditor, { from: days[0], to: days[days.length - 1] });
    return { events, data };
  }

  async function effectiveAttribution(events: StoredEvent[]): Promise<Map<number, Attribution>> {
    const db = await getDb();
    const marked = new Set((await db.borrowedEventMark.findMany({ select: { seq: true } })).map((mark) => mark.seq));
    expect(marked.size).toBeGreaterThan(0);
    return new Map(events.map((event) => [event.seq, marked.has(event.seq) ? 'AGENT_BORROWED' : event.attribution]));
  }

  it('events per day follow the effective attribution, borrowed marks included', async () => {
    const { events, data } = await charts();
    const effective = await effectiveAttribution(events);
    const direct = countBy(events, (event) => `${day(event.occurredAt)}|${effective.get(event.seq)}`);
    const charted = Object.fromEntries(
      data.events
        .flatMap((entry) => ATTRIBUTIONS.map((attribution) => [`${entry.day}|${attribution}`, entry[attribution]]))
        .filter(([, count]) => count !== 0)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    expect(charted).toEqual(direct);
    const borrowedDays = data.borrowedShare.filter((entry) => entry.borrowed > 0);
    expect(borrowedDays.length).toBeGreaterThan(0);
    for (const entry of borrowedDays) expect(entry.share).toBeCloseTo(entry.borrowed / entry.agentActions);
  });

  it('the rankings and the matrix count what the events say', async () => {
    const { events, data } = await charts();
    const initiators = countBy(
      events.filter((event) => event.initiatorType === 'HUMAN'),
      (event) => principalKey('HUMAN', event.initiatorId, event.initiatorLabel),
    );
    const expectedTop = Object.entries(initiators)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, 10);
    expect(data.initiators.map((row) => [row.key, row.count])).toEqual(expectedTop);

    const executors = countBy(
      events.filter((event) => event.executorType === 'NHI'),
      (event) => principalKey('NHI', event.executorId, event.executorLabel),
    );
    expect(Object.fromEntries(data.executors.map((row) => [row.key, row.count]))).toEqual(executors);

    const pairs = countBy(
      events.filter((event) => event.initiatorType === 'HUMAN' && event.executorType === 'NHI'),
      (event) =>
        `${principalKey('HUMAN', event.initiatorId, event.initiatorLabel)}|${principalKey('NHI', event.executorId, event.executorLabel)}`,
    );
    const cells: Record<string, number> = {};
    data.matrix.initiators.forEach((initiator, row) =>
      data.matrix.executors.forEach((executor, column) => {
        const count = data.matrix.cells[row][column];
        if (count > 0) cells[`${initiator.key}|${executor.key}`] = count;
      }),
    );
    expect(data.matrix.outside).toBe(0);
    expect(cells).toEqual(pairs);
  });

  it('the decisions chart and its CSV count the recorded decisions', async () => {
    const { events, data } = await charts();
    const decisions = events.filter((event) => event.action === 'runtime.authorize' && event.source === 'steward');
    const denied = decisions.filter((event) => event.outcome === 'DENIED');
    const weight = (event: StoredEvent) =>
      1 + ((JSON.parse(event.details) as { deniedEarlier?: number }).deniedEarlier ?? 0);
    const sum = (rows: StoredEvent[]) => rows.reduce((total, event) => total + weight(event), 0);
    expect(data.decisions.days.reduce((total, entry) => total + entry.deny, 0)).toBe(sum(denied));
    expect(data.decisions.days.reduce((total, entry) => total + entry.allow, 0)).toBe(
      sum(decisions.filter((event) => event.outcome === 'SUCCESS')),
    );
    const csv = chartCsv('decisions', data).trim().split('\r\n');
    expect(csv[0]).toMatch(/^day,allow,deny,deny_/);
    expect(csv).toHaveLength(data.range.days + 1);
  });
});

describe('who reads the charts', () => {
  it('refuses a sponsor, who may not read the whole trail, and its CSV with it', async () => {
    const sponsor = await createPerson('SPONSOR');
    await expect(loadAuditCharts(sponsor, {})).rejects.toMatchObject({ status: 403 });
    await expect(auditChartCsv(sponsor, 'events', {})).rejects.toMatchObject({ status: 403 });
  });

  it('refuses a CSV query the audit page would refuse', async () => {
    const auditor = await createPerson('AUDITOR');
    await expect(auditChartCsv(auditor, 'events', { from: '2026-13-01' })).rejects.toMatchObject({ status: 422 });
    const { filename, body } = await auditChartCsv(auditor, 'initiators', { from: '2026-11-01', to: '2026-11-30' });
    expect(filename).toBe('steward-audit-initiators-2026-11-01-to-2026-11-30.csv');
    expect(body.startsWith('rank,name,type,id,key,events\r\n')).toBe(true);
  });
});
