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
import { requestScope } from '../../lib/scopes/agent';
import { createPerson } from '../support/people';
import { createAgent, scopeAsk } from '../support/scopes';

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
      discovered: 1,
      findings: 1,
    });
    expect(attention(overview)).toEqual({ 'critical-findings': 1, 'borrowed-in-production': 1, discovered: 1 });
    expect(overview.answers.orphaned.count).toBe(0);
    expect(overview.answers.chain).toBeNull();
    expect(overview.answers.borrowed.share).toBeNull();
    expect(overview.events).toBeNull();
    expect(overview.series).toBeNull();
  });

  it('counts the whole organisation for security, with what needs attention ranked by urgency', async () => {
    const overview = await getOverview(security);
    expect(card(overview, 'nhis').count).toBe(6);
    expect(card(overview, 'borrowed').count).toBe(4);
    expect(card(overview, 'standing').count).toBe(3);
    expect(overview.answers.orphaned).toEqual({ count: 1, href: '/inventory?orphaned=1' });
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
      const links = [
        ...overview.cards,
        ...overview.attention.filter((item) => item.href !== '/approvals'),
        overview.answers.orphaned,
      ];
      for (const entry of links) {
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
    expect(card(overview, 'discovered').href).toBe('/inventory?status=DISCOVERED');
    expect(card(overview, 'standing').href).toBe('/inventory/credentials?status=ACTIVE&standing=1');
  });
});

async function openCase(agentNhiId: string | null, options: { flagged?: boolean; status?: 'OPEN' | 'RESOLVED' } = {}) {
  const db = await getDb();
  const key = randomUUID();
  await db.borrowedCase.create({
    data: {
      id: `case-${key}`,
      status: options.status ?? 'OPEN',
      confidence: options.flagged === false ? 'LOW' : 'HIGH',
      flagged: options.flagged ?? true,
      score: 0.9,
      humanLabel: 'someone@test.example',
      humanExternalIds: '[]',
      credentialKey: key,
      credentialKind: 'personal_access_token',
      credentialExternalId: `ghp_${key.slice(0, 8)}`,
      agentNhiId,
      agents: JSON.stringify([{ label: 'python-requests' }]),
      sources: JSON.stringify(['github']),
      reasons: '[]',
      evidence: '[]',
      coverage: '{}',
      firstSeen: new Date(Date.now() - 86_400_000),
      lastSeen: new Date(Date.now() - 3_600_000),
      eventCount: 10,
      interactiveEventCount: 0,
      ...(options.status === 'RESOLVED' ? { resolvedAt: new Date() } : {}),
    },
  });
}

describe("the overview's answers", () => {
  it('counts the identities acting as a person: holding a borrowed credential or in an open flagged case', async () => {
    const sponsor = await createPerson('SPONSOR');
    const holder = await addNhi({ sponsorId: sponsor.humanId, kind: 'AI_AGENT' });
    const seen = await addNhi({ sponsorId: sponsor.humanId, kind: 'AI_AGENT' });
    const both = await addNhi({ sponsorId: sponsor.humanId, kind: 'AI_AGENT' });
    const resolved = await addNhi({ sponsorId: sponsor.humanId, kind: 'AI_AGENT' });
    await lendCredential(holder, sponsor.humanId);
    await lendCredential(both, sponsor.humanId);
    await refreshNhiStats(await getDb(), [holder, both]);
    await openCase(seen);
    await openCase(seen);
    await openCase(both);
    await openCase(resolved, { status: 'RESOLVED' });
    await openCase(resolved, { flagged: false });
    expect((await getOverview(sponsor)).answers.borrowed).toEqual({
      acting: 3,
      holding: 2,
      cases: 3,
      unlinkedCases: 0,
      href: '/borrowed',
      share: null,
    });

    const before = (await getOverview(security)).answers.borrowed;
    await openCase(null);
    await openCase(null);
    const after = (await getOverview(security)).answers.borrowed;
    expect(after).toMatchObject({
      acting: before.acting + 2,
      holding: before.holding,
      cases: before.cases + 2,
      unlinkedCases: before.unlinkedCases + 2,
    });
  });

  it('says how many scope requests wait and since when, linking the queue for those who decide', async () => {
    const sponsor = await createPerson('SPONSOR');
    const agent = await createAgent({ sponsor });
    const initiator = await createPerson('AUDITOR');
    const first = await requestScope(agent.actor, scopeAsk(initiator.email));
    await requestScope(agent.actor, scopeAsk(initiator.email));
    const db = await getDb();
    const asked = new Date(Date.now() - 5 * 3_600_000);
    await db.scopeRequest.update({ where: { id: first.id }, data: { requestedAt: asked } });
    expect((await getOverview(sponsor)).answers.approvals).toEqual({
      pending: 2,
      oldestRequestedAt: asked,
      href: '/approvals',
    });
    expect((await getOverview(sponsorA)).answers.approvals).toMatchObject({ pending: 0, oldestRequestedAt: null });
    const auditor = await createPerson('AUDITOR');
    expect((await getOverview(auditor)).answers.approvals).toMatchObject({ pending: 2, href: null });
  });

  it("reads the chain's latest signed checkpoint and whether the event there still has the signed hash", async () => {
    const db = await getDb();
    const { seq, hash } = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(seq).toBeGreaterThan(0);
    expect((await getOverview(security)).answers.chain).toEqual({ headSeq: seq, checkpoint: null });
    const signed = { seq, signedAt: new Date(), reason: 'manual', keyId: 'test-key', signature: 'c2lnbmF0dXJl' };
    await db.auditCheckpoint.create({ data: { ...signed, hash: 'f'.repeat(64) } });
    expect((await getOverview(security)).answers.chain?.checkpoint).toMatchObject({ seq, hashMatches: false });
    await db.auditCheckpoint.update({ where: { seq }, data: { hash } });
    expect((await getOverview(security)).answers.chain).toEqual({
      headSeq: seq,
      checkpoint: { seq, signedAt: signed.signedAt, reason: 'manual', hashMatches: true },
    });
  });

  it("moves the events a borrowed case marks to AGENT_BORROWED in the day's counts and share", async () => {
    const db = await getDb();
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await db.auditDailyRollup.createMany({
      data: [
        { day, attribution: 'HUMAN', outcome: 'SUCCESS', initiatorType: 'HUMAN', executorType: 'HUMAN', count: 8 },
        {
          day,
          attribution: 'AGENT_DELEGATED',
          outcome: 'SUCCESS',
          initiatorType: 'HUMAN',
          executorType: 'NHI',
          count: 2,
        },
      ],
    });
    await db.borrowedEventMark.createMany({
      data: [900_001, 900_002, 900_003].map((seq) => ({ seq, caseId: 'case-x', storedAttribution: 'HUMAN', day })),
    });
    const overview = await getOverview(security);
    expect(overview.series?.find((entry) => entry.day === day)).toMatchObject({
      HUMAN: 5,
      AGENT_DELEGATED: 2,
      AGENT_BORROWED: 3,
    });
    expect(overview.answers.borrowed.share?.find((entry) => entry.day === day)?.percent).toBe(30);
  });
});
