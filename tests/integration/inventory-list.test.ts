import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import type { NhiKind, NhiStatus } from '../../lib/db/generated/sqlite/enums';
import type { HumanActor, KeyActor } from '../../lib/auth/actor';
import { AppError } from '../../lib/errors';
import { exportNhisCsv, NHI_CSV_HEADER, type ExportOptions } from '../../lib/inventory/export';
import { INVENTORY_PAGE_SIZE, listNhiFacets, listNhis } from '../../lib/inventory/list';
import { NHI_SORTS, type NhiSort } from '../../lib/inventory/schemas';
import { nameKey, nhiSearchText } from '../../lib/inventory/search-text';
import { parseCsv } from '../../lib/inventory/csv';
import { createPerson } from '../support/people';

type NhiFixture = {
  name: string;
  kind?: NhiKind;
  system?: string;
  environment?: string;
  status?: NhiStatus;
  description?: string;
  sponsorId?: string | null;
  lastSeenAt?: Date | null;
  credentialCount?: number;
  standingCredentialCount?: number;
  borrowedCredentialCount?: number;
  openFindingCount?: number;
  highestSeverityRank?: number;
  orphaned?: boolean;
};

let admin: HumanActor;
let auditor: HumanActor;
let sponsorA: HumanActor;
let sponsorB: HumanActor;

function nhiData(fixture: NhiFixture) {
  const data = {
    kind: 'SERVICE_ACCOUNT' as NhiKind,
    system: 'internal',
    environment: 'production',
    externalId: `ext-${fixture.name}-${randomUUID().slice(0, 8)}`,
    ...fixture,
  };
  return { ...data, searchText: nhiSearchText(data), nameKey: nameKey(data.name) };
}

async function addNhis(fixtures: NhiFixture[]): Promise<string[]> {
  const db = await getDb();
  const ids: string[] = [];
  for (const fixture of fixtures) ids.push((await db.nhi.create({ data: nhiData(fixture) })).id);
  return ids;
}

async function names(actor: HumanActor, params: Record<string, unknown>): Promise<string[]> {
  const { nhis } = await listNhis(actor, params);
  return nhis.map((nhi) => nhi.name);
}

async function rejection(work: () => unknown): Promise<AppError> {
  const error = await Promise.resolve()
    .then(work)
    .then(
      () => null,
      (caught: unknown) => caught,
    );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function csvOf(actor: HumanActor, params: Record<string, unknown>, options?: ExportOptions) {
  const text = await new Response(exportNhisCsv(actor, params, options).stream).text();
  const [header, ...rows] = parseCsv(text).map((record) => record.fields);
  return { text, header, rows: rows.map((fields) => Object.fromEntries(header.map((name, at) => [name, fields[at]]))) };
}

const FILTER_TOKEN = 'fixture-filters';
const DAY = 86_400_000;
const now = Date.now();

beforeAll(async () => {
  [admin, auditor, sponsorA, sponsorB] = await Promise.all([
    createPerson('ADMIN'),
    createPerson('AUDITOR'),
    createPerson('SPONSOR'),
    createPerson('SPONSOR'),
  ]);
  await addNhis([
    {
      name: 'f-agent',
      kind: 'AI_AGENT',
      system: 'aws',
      environment: 'production',
      sponsorId: sponsorA.humanId,
      borrowedCredentialCount: 1,
      description: FILTER_TOKEN,
    },
    {
      name: 'f-bot',
      kind: 'BOT',
      system: 'aws-gov',
      environment: 'production-eu',
      status: 'SUSPENDED',
      sponsorId: sponsorB.humanId,
      description: FILTER_TOKEN,
    },
    {
      name: 'f-workload',
      kind: 'WORKLOAD',
      system: 'gcp',
      environment: 'staging',
      status: 'DISCOVERED',
      orphaned: true,
      description: FILTER_TOKEN,
    },
    {
      name: 'f-pipeline',
      kind: 'CI_PIPELINE',
      system: 'aws',
      environment: 'production',
      status: 'DECOMMISSIONED',
      sponsorId: sponsorA.humanId,
      description: FILTER_TOKEN,
    },
  ]);
});

describe('filters', () => {
  const token = FILTER_TOKEN;

  it.each([
    [{}, ['f-agent', 'f-bot', 'f-pipeline', 'f-workload']],
    [{ kind: 'AI_AGENT' }, ['f-agent']],
    [{ system: 'aws' }, ['f-agent', 'f-pipeline']],
    [{ environment: 'production' }, ['f-agent', 'f-pipeline']],
    [{ status: 'SUSPENDED' }, ['f-bot']],
    [{ borrowed: '1' }, ['f-agent']],
    [{ orphaned: '1' }, ['f-workload']],
    [{ system: 'aws', status: 'ACTIVE' }, ['f-agent']],
    [{ kind: '', status: '', system: '' }, ['f-agent', 'f-bot', 'f-pipeline', 'f-workload']],
  ])('%j narrows to exactly the matching identities, not their look-alikes', async (params, expected) => {
    expect(await names(admin, { q: token, ...params })).toEqual(expected);
  });

  it('filters by sponsor', async () => {
    expect(await names(admin, { q: token, sponsor: sponsorA.humanId })).toEqual(['f-agent', 'f-pipeline']);
    expect(await names(admin, { q: token, sponsor: 'nobody' })).toEqual([]);
  });

  it('searches names, external ids, systems and descriptions, whatever the case', async () => {
    expect(await names(admin, { q: '  FIXTURE-Filters ' })).toHaveLength(4);
    expect(await names(admin, { q: 'F-WORKLOAD' })).toEqual(['f-workload']);
    expect(await names(admin, { q: 'ext-f-bot' })).toEqual(['f-bot']);
    expect(await names(admin, { q: `${token} aws-gov` })).toEqual([]);
  });

  it('offers the systems, environments and sponsors in use as choices', async () => {
    const facets = await listNhiFacets(admin);
    expect(facets.systems).toEqual(expect.arrayContaining(['aws', 'aws-gov', 'gcp']));
    expect(facets.environments).toEqual(expect.arrayContaining(['production', 'production-eu', 'staging']));
    expect(facets.sponsors.map((sponsor) => sponsor.id).sort()).toEqual([sponsorA.humanId, sponsorB.humanId].sort());
  });
});

describe('sorting', () => {
  const token = 'fixture-sorting';
  const fixtures: (NhiFixture & { name: string })[] = [
    {
      name: 'salpha',
      kind: 'AI_AGENT',
      status: 'ACTIVE',
      system: 'sysb',
      environment: 'enva',
      credentialCount: 3,
      standingCredentialCount: 1,
      openFindingCount: 2,
      highestSeverityRank: 3,
      lastSeenAt: new Date(now - DAY),
    },
    {
      name: 'SBravo',
      kind: 'BOT',
      status: 'DECOMMISSIONED',
      system: 'sysa',
      environment: 'envc',
      credentialCount: 1,
      standingCredentialCount: 2,
      openFindingCount: 0,
      highestSeverityRank: 0,
      lastSeenAt: null,
    },
    {
      name: 'scharlie',
      kind: 'CI_PIPELINE',
      status: 'DISCOVERED',
      system: 'sysc',
      environment: 'envb',
      credentialCount: 3,
      standingCredentialCount: 0,
      openFindingCount: 5,
      highestSeverityRank: 4,
      lastSeenAt: new Date(now - 10 * DAY),
    },
    {
      name: 'SDelta',
      kind: 'AI_AGENT',
      status: 'ACTIVE',
      system: 'sysa',
      environment: 'enva',
      credentialCount: 0,
      standingCredentialCount: 0,
      openFindingCount: 1,
      highestSeverityRank: 1,
      lastSeenAt: null,
    },
    {
      name: 'secho',
      kind: 'BOT',
      status: 'DISCOVERED',
      system: 'sysb',
      environment: 'envc',
      credentialCount: 1,
      standingCredentialCount: 1,
      openFindingCount: 2,
      highestSeverityRank: 3,
      lastSeenAt: new Date(now - 2 * DAY),
    },
  ];
  let rows: { id: string; fixture: NhiFixture }[];

  beforeAll(async () => {
    const ids = await addNhis(fixtures.map((fixture) => ({ ...fixture, description: token })));
    rows = ids.map((id, at) => ({ id, fixture: fixtures[at] }));
  });

  /** The order the database must give, computed here: never seen sorts as the oldest, ties by id. */
  const KIND_ORDER = ['AI_AGENT', 'BOT', 'CI_PIPELINE'];
  const STATUS_ORDER = ['ACTIVE', 'DECOMMISSIONED', 'DISCOVERED'];
  const sortValue: Record<NhiSort, (fixture: NhiFixture) => string | number> = {
    name: (fixture) => fixture.name.toLowerCase(),
    kind: (fixture) => KIND_ORDER.indexOf(fixture.kind ?? ''),
    system: (fixture) => fixture.system ?? '',
    environment: (fixture) => fixture.environment ?? '',
    status: (fixture) => STATUS_ORDER.indexOf(fixture.status ?? ''),
    credentials: (fixture) => fixture.credentialCount ?? 0,
    standing: (fixture) => fixture.standingCredentialCount ?? 0,
    lastSeen: (fixture) => fixture.lastSeenAt?.getTime() ?? -Infinity,
    findings: (fixture) => fixture.openFindingCount ?? 0,
    severity: (fixture) => fixture.highestSeverityRank ?? 0,
  };

  function expectedOrder(sort: NhiSort, dir: 'asc' | 'desc'): string[] {
    const sign = dir === 'asc' ? 1 : -1;
    return [...rows]
      .sort((a, b) => {
        const [x, y] = [sortValue[sort](a.fixture), sortValue[sort](b.fixture)];
        if (x !== y) return (x < y ? -1 : 1) * sign;
        return (a.id < b.id ? -1 : 1) * sign;
      })
      .map((row) => row.fixture.name);
  }

  const cases = (Object.keys(NHI_SORTS) as NhiSort[]).flatMap((sort) =>
    (['asc', 'desc'] as const).map((dir) => [sort, dir] as const),
  );

  it.each(cases)('by %s %s, ties broken by id, names regardless of case', async (sort, dir) => {
    expect(await names(admin, { q: token, sort, dir })).toEqual(expectedOrder(sort, dir));
  });

  it('exports in the same order as the list, across batches and ties', async () => {
    for (const [sort, dir] of cases) {
      const { rows: exported } = await csvOf(admin, { q: token, sort, dir }, { batchSize: 2 });
      expect(exported.map((row) => row.name)).toEqual(expectedOrder(sort, dir));
    }
  });

  it('puts identities never seen last when the most recently seen come first', async () => {
    expect((await names(admin, { q: token, sort: 'lastSeen' })).slice(-2).sort()).toEqual(['SBravo', 'SDelta']);
  });
});

describe('pagination', () => {
  const token = 'fixture-paging';
  const count = 2 * INVENTORY_PAGE_SIZE + 20;
  let ids: string[];

  beforeAll(async () => {
    const db = await getDb();
    const fixtures = Array.from({ length: count }, (_, at) =>
      nhiData({
        name: `page${at % 10}`,
        description: token,
        credentialCount: at % 4,
        highestSeverityRank: at % 5,
        lastSeenAt: at % 3 === 0 ? null : new Date(now - (at % 7) * DAY),
      }),
    );
    await db.nhi.createMany({ data: fixtures });
    ids = (await db.nhi.findMany({ where: { description: token }, select: { id: true } })).map((nhi) => nhi.id);
  });

  it('pages through every match exactly once, with the total on each page', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => listNhis(admin, { q: token, page })));
    expect(pages.map((page) => page.total)).toEqual([count, count, count, count]);
    expect(pages.map((page) => page.nhis.length)).toEqual([INVENTORY_PAGE_SIZE, INVENTORY_PAGE_SIZE, 20, 0]);
    const seen = pages.flatMap((page) => page.nhis.map((nhi) => nhi.id));
    expect(new Set(seen).size).toBe(count);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it('exports every match in the list order, batch after batch, and stops at the row limit', async () => {
    for (const sort of ['name', 'lastSeen', 'severity', 'credentials'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const pages = await Promise.all([1, 2, 3].map((page) => listNhis(admin, { q: token, sort, dir, page })));
        const listed = pages.flatMap((page) => page.nhis.map((nhi) => nhi.id));
        const { rows } = await csvOf(admin, { q: token, sort, dir }, { batchSize: 7 });
        expect(rows.map((row) => row.id)).toEqual(listed);
      }
    }
    const { rows } = await csvOf(admin, { q: token }, { batchSize: 7, rowLimit: 30 });
    expect(rows).toHaveLength(30);
  });
});

describe('who sees what', () => {
  it('shows a sponsor only the identities they sponsor, whatever they ask for', async () => {
    const all = await listNhis(sponsorA, {});
    expect(all.nhis.map((nhi) => nhi.name).sort()).toEqual(['f-agent', 'f-pipeline']);
    expect(all.total).toBe(2);
    expect(await names(sponsorA, { sponsor: sponsorB.humanId })).toEqual([]);
    expect(await names(sponsorA, { q: 'f-bot' })).toEqual([]);
    expect(await names(sponsorB, {})).toEqual(['f-bot']);
  });

  it("offers a sponsor only their own identities' systems, and no sponsor choice", async () => {
    const facets = await listNhiFacets(sponsorB);
    expect(facets).toEqual({ systems: ['aws-gov'], environments: ['production-eu'], sponsors: [] });
  });

  it("never exports another sponsor's identity", async () => {
    const { rows } = await csvOf(sponsorB, {});
    expect(rows.map((row) => row.name)).toEqual(['f-bot']);
  });

  it('lets an auditor read everything', async () => {
    const everything = await listNhis(admin, {});
    const audited = await listNhis(auditor, {});
    expect(audited.total).toBe(everything.total);
    expect(audited.total).toBeGreaterThanOrEqual(4);
  });

  it('refuses a machine key', async () => {
    const key: KeyActor = { kind: 'key', keyId: 'k', keyKind: 'ADMIN', keyName: 'automation', nhiId: null };
    expect((await rejection(() => listNhis(key, {}))).status).toBe(403);
    expect((await rejection(() => exportNhisCsv(key, {}))).status).toBe(403);
  });
});

describe('invalid parameters', () => {
  it.each([
    [{ kind: 'ROBOT' }, ['kind']],
    [{ sort: 'credentialCount', dir: 'up' }, ['sort', 'dir']],
    [{ page: '0' }, ['page']],
    [{ borrowed: 'yes', orphaned: 'true' }, ['borrowed', 'orphaned']],
    [{ status: ['ACTIVE', 'SUSPENDED'] }, ['status']],
  ])('%j is a 422 naming the fields', async (params, fields) => {
    for (const work of [() => listNhis(admin, params), () => exportNhisCsv(admin, params)]) {
      const error = await rejection(work);
      expect(error.status).toBe(422);
      expect(Object.keys((error.details as { fieldErrors: object }).fieldErrors).sort()).toEqual(fields.sort());
    }
  });
});

describe('CSV export', () => {
  it('starts with the header row and writes one row per identity, with ids', async () => {
    const { text, header, rows } = await csvOf(admin, { q: 'fixture-filters', kind: 'AI_AGENT' });
    expect(text.startsWith(`${NHI_CSV_HEADER.join(',')}\r\n`)).toBe(true);
    expect(header).toEqual([
      'id',
      'name',
      'kind',
      'system',
      'external_id',
      'environment',
      'sponsor_id',
      'sponsor_name',
      'sponsor_email',
      'status',
      'credentials',
      'standing_credentials',
      'last_seen_at',
      'open_findings',
      'highest_severity',
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: 'f-agent',
      kind: 'AI_AGENT',
      system: 'aws',
      sponsor_id: sponsorA.humanId,
      sponsor_email: sponsorA.email,
      status: 'ACTIVE',
      last_seen_at: '',
      highest_severity: '',
    });
    expect(rows[0].id).toMatch(/\S/);
  });

  it('quotes what needs quoting and defuses formulas', async () => {
    const name = '=HYPERLINK("http://evil.example","click"), then\nmore';
    await addNhis([{ name, system: '+cmd', description: 'fixture-escaping', highestSeverityRank: 4 }]);
    const { text, rows } = await csvOf(admin, { q: 'fixture-escaping' });
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), then\nmore"`);
    expect(rows[0]).toMatchObject({ name: `'${name}`, system: "'+cmd", highest_severity: 'CRITICAL' });
  });

  it('names the download after the day', () => {
    const { filename } = exportNhisCsv(admin, {}, { now: new Date('2026-11-22T23:00:00Z') });
    expect(filename).toBe('steward-identities-2026-11-22.csv');
  });
});
