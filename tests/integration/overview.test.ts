import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import type { NhiKind, NhiStatus } from '../../lib/db/generated/sqlite/enums';
import type { HumanActor } from '../../lib/auth/actor';
import { listCredentials } from '../../lib/credentials/list';
import { listFindings } from '../../lib/findings/list';
import { refreshNhiStats } from '../../lib/inventory/stats';
import { listNhis } from '../../lib/inventory/list';
import { getOverview, type Overview } from '../../lib/overview/summary';
import { createPerson } from '../support/people';

let security: HumanActor;
let sponsorA: HumanActor;
let sponsorB: HumanActor;
let offboarded: string;

type NhiFixture = { sponsorId: string | null; kind?: NhiKind; status?: NhiStatus; environment?: string };

async function addNhi(fixture: NhiFixture): Promise<string> {
  const db = await getDb();
  const { id } = await db.nhi.create({
    data: {
      name: `nhi-${randomUUID().slice(0, 8)}`,
      kind: fixture.kind ?? 'SERVICE_ACCOUNT',
      system: 'github',
      externalId: randomUUID(),
      sponsorId: fixture.sponsorId,
      status: fixture.status ?? 'ACTIVE',
      environment: fixture.environment ?? 'production',
    },
  });
  return id;
}

async function lendCredential(holderNhiId: string, subjectHumanId: string, expiresAt: Date | null = null) {
  const db = await getDb();
  await db.credential.create({
    data: {
      name: `pat-${randomUUID().slice(0, 8)}`,
      kind: 'PERSONAL_ACCESS_TOKEN',
      system: 'github',
      fingerprint: `sha256:${randomUUID()}`,
      subjectHumanId,
      holderNhiId,
      expiresAt,
    },
  });
}

async function addFinding(nhiId: string, severity: 'CRITICAL' | 'HIGH' | 'LOW') {
  const db = await getDb();
  await db.finding.create({
    data: {
      key: `test:${randomUUID()}`,
      type: 'STALE',
      severity,
      nhiId,
      title: 'test finding',
      rationale: 'test',
      evidence: '{}',
      controls: '["NHI1"]',
    },
  });
}

function card(overview: Overview, key: string): { count: number; href: string } {
  const found = overview.cards.find((entry) => entry.key === key);
  if (!found) throw new Error(`no card ${key}`);
  return found;
}

function attention(overview: Overview): Record<string, number> {
  return Object.fromEntries(overview.attention.map((item) => [item.key, item.count]));
}

beforeAll(async () => {
  [security, sponsorA, sponsorB] = await Promise.all([
    createPerson('SECURITY'),
    createPerson('SPONSOR'),
    createPerson('SPONSOR'),
  ]);
  const db = await getDb();
  offboarded = (
    await db.human.create({ data: { email: `gone-${randomUUID()}@test.example`, name: 'Gone', status: 'OFFBOARDED' } })
  ).id;

  const a1 = await addNhi({ sponsorId: sponsorA.humanId, kind: 'AI_AGENT' });
  const a2 = await addNhi({ sponsorId: sponsorA.humanId, status: 'DISCOVERED', environment: 'staging' });
  const b1 = await addNhi({ sponsorId: sponsorB.humanId, kind: 'AI_AGENT' });
  const b2 = await addNhi({ sponsorId: sponsorB.humanId, kind: 'AI_AGENT', environment: 'prod-eu' });
  const b3 = await addNhi({ sponsorId: sponsorB.humanId, status: 'DISCOVERED' });
  const orphan = await addNhi({ sponsorId: offboarded, kind: 'AI_AGENT' });
  await lendCredential(a1, sponsorA.humanId);
  await lendCredential(b1, sponsorB.humanId);
  await lendCredential(b2, sponsorB.humanId, new Date(Date.now() + 86_400_000));
  await lendCredential(b2, security.humanId);
  await addFinding(a1, 'CRITICAL');
  await addFinding(b1, 'CRITICAL');
  await addFinding(b1, 'HIGH');
  await addFinding(orphan, 'LOW');
  await refreshNhiStats(db, [a1, a2, b1, b2, b3, orphan]);
});

describe('the overview', () => {
  it("counts only a sponsor's own NHIs, credentials and findings", async () => {
    const overview = await getOverview(sponsorA);
    expect(overview.scope).toBe('sponsored');
    expect(Object.fromEntries(overview.cards.map((entry) => [entry.key, entry.count]))).toEqual({
      nhis: 2,
      agents: 1,
      borrowed: 1,
      standing: 1,
      orphaned: 0,
      discovered: 1,
      findings: 1,
    });
    expect(attention(overview)).toEqual({ 'critical-findings': 1, 'borrowed-in-production': 1, discovered: 1 });
    expect(overview.events).toBeNull();
    expect(overview.series).toBeNull();
  });

  it('counts the whole organisation for security, with what needs attention ranked by urgency', async () => {
    const overview = await getOverview(security);
    expect(card(overview, 'nhis').count).toBe(6);
    expect(card(overview, 'borrowed').count).toBe(4);
    expect(card(overview, 'standing').count).toBe(3);
    expect(card(overview, 'orphaned').count).toBe(1);
    expect(card(overview, 'findings').count).toBe(4);
    expect(overview.attention.map((item) => [item.key, item.count])).toEqual([
      ['critical-findings', 2],
      ['borrowed-in-prod-eu', 1],
      ['borrowed-in-production', 2],
      ['orphaned-agents', 1],
      ['high-findings', 1],
      ['discovered', 2],
    ]);
  });

  it("links each card to its list with the filter set, and that list shows the card's count", async () => {
    for (const actor of [security, sponsorA, sponsorB]) {
      const overview = await getOverview(actor);
      for (const entry of [...overview.cards, ...overview.attention.filter((item) => item.href !== '/approvals')]) {
        const url = new URL(entry.href, 'http://steward.test');
        const params = Object.fromEntries(url.searchParams);
        const listed =
          url.pathname === '/inventory'
            ? (await listNhis(actor, params)).total
            : url.pathname === '/inventory/credentials'
              ? (await listCredentials(actor, params)).total
              : (await listFindings(actor, params)).total;
        expect({ href: entry.href, count: listed }).toEqual({ href: entry.href, count: entry.count });
      }
    }
    const overview = await getOverview(security);
    expect(card(overview, 'borrowed').href).toBe('/inventory/credentials?status=ACTIVE&borrowed=1');
    expect(card(overview, 'orphaned').href).toBe('/inventory?orphaned=1');
    expect(card(overview, 'discovered').href).toBe('/inventory?status=DISCOVERED');
    expect(card(overview, 'standing').href).toBe('/inventory/credentials?status=ACTIVE&standing=1');
  });
});
