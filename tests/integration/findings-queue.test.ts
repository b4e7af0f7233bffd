import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import type { FindingStatus, FindingType, Severity } from '../../lib/db/generated/sqlite/enums';
import type { HumanActor } from '../../lib/auth/actor';
import { acceptFindings } from '../../lib/findings/bulk';
import { FINDINGS_PAGE_SIZE, listFindings } from '../../lib/findings/list';
import { createPerson } from '../support/people';

const DAY = 86_400_000;
const CONTROLS_OF: Record<FindingType, string[]> = {
  ORPHANED: ['NHI1', 'GOVERN 2.1', 'IA.L2-3.5.6'],
  LONG_LIVED_SECRET: ['NHI7', 'PR.AA-01'],
  STALE: ['NHI1', 'IA.L2-3.5.6'],
  BORROWED_HUMAN_CREDENTIAL: ['ASI03', 'NHI5', 'IA.L2-3.5.1', 'AU.L2-3.3.2', 'PR.AA-01', 'PR.AA-05'],
  SHARED_CREDENTIAL: ['NHI9'],
  ENVIRONMENT_MIX: ['NHI8'],
};

type FindingFixture = {
  title: string;
  nhiId: string;
  type: FindingType;
  severity: Severity;
  daysAgo: number;
  status?: FindingStatus;
};

let security: HumanActor;
let auditor: HumanActor;
let sponsorA: HumanActor;
let sponsorB: HumanActor;
let nhiA: string;
let nhiB: string;

async function addNhi(name: string, sponsorId: string): Promise<string> {
  const db = await getDb();
  const nhi = await db.nhi.create({
    data: { name, kind: 'AI_AGENT', system: 'github', externalId: `ext-${randomUUID()}`, sponsorId },
  });
  return nhi.id;
}

async function addFinding(fixture: FindingFixture): Promise<string> {
  const db = await getDb();
  const { daysAgo, ...fields } = fixture;
  const finding = await db.finding.create({
    data: {
      ...fields,
      key: `${fixture.type}:${randomUUID()}`,
      rationale: 'Test rationale',
      evidence: '{}',
      controls: JSON.stringify(CONTROLS_OF[fixture.type]),
      detectedAt: new Date(Date.now() - daysAgo * DAY),
    },
  });
  return finding.id;
}

async function titles(actor: HumanActor, params: Record<string, unknown> = {}): Promise<string[]> {
  const { findings } = await listFindings(actor, params);
  return findings.map((finding) => finding.title);
}

beforeAll(async () => {
  [security, auditor, sponsorA, sponsorB] = await Promise.all([
    createPerson('SECURITY'),
    createPerson('AUDITOR'),
    createPerson('SPONSOR'),
    createPerson('SPONSOR'),
  ]);
  nhiA = await addNhi('agent-a', sponsorA.humanId);
  nhiB = await addNhi('agent-b', sponsorB.humanId);
  const fixtures: FindingFixture[] = [
    { title: 'a-low-old', nhiId: nhiA, type: 'STALE', severity: 'LOW', daysAgo: 90 },
    { title: 'a-critical-new', nhiId: nhiA, type: 'BORROWED_HUMAN_CREDENTIAL', severity: 'CRITICAL', daysAgo: 1 },
    { title: 'a-critical-old', nhiId: nhiA, type: 'BORROWED_HUMAN_CREDENTIAL', severity: 'CRITICAL', daysAgo: 30 },
    { title: 'a-medium', nhiId: nhiA, type: 'LONG_LIVED_SECRET', severity: 'MEDIUM', daysAgo: 10 },
    { title: 'b-high', nhiId: nhiB, type: 'ORPHANED', severity: 'HIGH', daysAgo: 5 },
    {
      title: 'b-medium-accepted',
      nhiId: nhiB,
      type: 'LONG_LIVED_SECRET',
      severity: 'MEDIUM',
      daysAgo: 3,
      status: 'ACCEPTED',
    },
    {
      title: 'b-low-resolved',
      nhiId: nhiB,
      type: 'SHARED_CREDENTIAL',
      severity: 'LOW',
      daysAgo: 50,
      status: 'RESOLVED',
    },
  ];
  for (const fixture of fixtures) await addFinding(fixture);
});

describe('the findings work queue', () => {
  it('shows open findings by default, the most severe first and, within a severity, the oldest first', async () => {
    expect(await titles(auditor)).toEqual(['a-critical-old', 'a-critical-new', 'b-high', 'a-medium', 'a-low-old']);
    expect(await titles(auditor, { dir: 'asc' })).toEqual([
      'a-low-old',
      'a-medium',
      'b-high',
      'a-critical-old',
      'a-critical-new',
    ]);
    expect(await titles(auditor, { sort: 'age' })).toEqual([
      'a-low-old',
      'a-critical-old',
      'a-medium',
      'b-high',
      'a-critical-new',
    ]);
  });

  it('filters by type, severity, status and framework control (a whole control id, never a prefix)', async () => {
    expect(await titles(auditor, { type: 'BORROWED_HUMAN_CREDENTIAL' })).toEqual(['a-critical-old', 'a-critical-new']);
    expect(await titles(auditor, { severity: 'HIGH' })).toEqual(['b-high']);
    expect(await titles(auditor, { status: 'ACCEPTED' })).toEqual(['b-medium-accepted']);
    expect(await titles(auditor, { status: 'all' })).toHaveLength(7);
    expect(await titles(auditor, { control: 'NHI7' })).toEqual(['a-medium']);
    expect(await titles(auditor, { control: 'NHI1' })).toEqual(['b-high', 'a-low-old']);
    expect(await titles(auditor, { control: 'PR.AA-01' })).toEqual(['a-critical-old', 'a-critical-new', 'a-medium']);
    expect(await titles(auditor, { control: 'ASI03', status: 'all' })).toEqual(['a-critical-old', 'a-critical-new']);
  });

  it('answers unknown filters with the fields to fix', async () => {
    for (const params of [{ severity: 'SEVERE' }, { control: 'NHI' }, { page: '0' }, { status: 'bogus' }]) {
      await expect(listFindings(auditor, params)).rejects.toMatchObject({ status: 422 });
    }
  });

  it('shows a sponsor the findings of the NHIs they sponsor only, with the NHI and its sponsor', async () => {
    expect(await titles(sponsorA)).toEqual(['a-critical-old', 'a-critical-new', 'a-medium', 'a-low-old']);
    expect(await titles(sponsorB, { status: 'all' })).toEqual(['b-high', 'b-medium-accepted', 'b-low-resolved']);
    const { findings } = await listFindings(sponsorB, {});
    expect(findings[0]).toMatchObject({ nhi: { id: nhiB, sponsor: { id: sponsorB.humanId } } });
    expect(findings[0].controls.map((control) => control.id)).toContain('NHI1');
  });

  it('pages in the database across severities without overlap or gaps', async () => {
    const nhi = await addNhi('paged-agent', sponsorB.humanId);
    const severities: Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
    for (let index = 0; index < FINDINGS_PAGE_SIZE + 13; index += 1) {
      await addFinding({
        title: `paged-${index}`,
        nhiId: nhi,
        type: 'ENVIRONMENT_MIX',
        severity: severities[index % 4],
        daysAgo: index,
      });
    }
    const first = await listFindings(security, { control: 'NHI8' });
    const second = await listFindings(security, { control: 'NHI8', page: '2' });
    expect(first.total).toBe(FINDINGS_PAGE_SIZE + 13);
    expect(first.findings).toHaveLength(FINDINGS_PAGE_SIZE);
    expect(second.findings).toHaveLength(13);
    const all = [...first.findings, ...second.findings];
    expect(new Set(all.map((finding) => finding.id)).size).toBe(FINDINGS_PAGE_SIZE + 13);
    const weights = all.map((finding) => severities.indexOf(finding.severity));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect((await listFindings(security, { control: 'NHI8', page: '3' })).findings).toEqual([]);
  });
});

describe('accepting findings in bulk', () => {
  async function openFindings(count: number) {
    const nhi = await addNhi(`bulk-${randomUUID().slice(0, 6)}`, sponsorA.humanId);
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      ids.push(await addFinding({ title: `bulk-${index}`, nhiId: nhi, type: 'STALE', severity: 'LOW', daysAgo: 2 }));
    }
    return { nhi, ids };
  }

  it('accepts every selected finding in one transaction, with one audit event on each', async () => {
    const db = await getDb();
    const { nhi, ids } = await openFindings(3);
    await db.nhi.update({ where: { id: nhi }, data: { openFindingCount: 3 } });
    const result = await acceptFindings(security, {
      findingIds: ids,
      reason: 'Replaced next sprint by task scopes',
      days: 14,
    });
    expect(result.accepted).toBe(3);
    const accepted = await db.finding.findMany({ where: { id: { in: ids } } });
    for (const finding of accepted) {
      expect(finding).toMatchObject({
        status: 'ACCEPTED',
        acceptedReason: 'Replaced next sprint by task scopes',
        acceptedById: security.humanId,
      });
    }
    const events = await db.auditEvent.findMany({ where: { resource: { in: ids.map((id) => `finding:${id}`) } } });
    expect(events.map((event) => event.action)).toEqual(['finding.accept', 'finding.accept', 'finding.accept']);
    expect(new Set(events.map((event) => event.resource)).size).toBe(3);
    expect((await db.nhi.findUniqueOrThrow({ where: { id: nhi } })).openFindingCount).toBe(0);
  });

  it('accepts nothing when any selected finding is no longer open, and names it', async () => {
    const db = await getDb();
    const { ids } = await openFindings(3);
    await db.finding.update({ where: { id: ids[1] }, data: { status: 'RESOLVED' } });
    const headBefore = await db.auditChainHead.findUnique({ where: { id: 1 } });
    const error = await acceptFindings(security, {
      findingIds: ids,
      reason: 'Replaced next sprint by task scopes',
      days: 14,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      status: 409,
      details: { unavailable: [{ id: ids[1], title: 'bulk-1', status: 'RESOLVED' }] },
    });
    expect((error as Error).message).toContain('bulk-1');
    const statuses = await db.finding.findMany({ where: { id: { in: ids } }, orderBy: { title: 'asc' } });
    expect(statuses.map((finding) => finding.status)).toEqual(['OPEN', 'RESOLVED', 'OPEN']);
    expect((await db.auditChainHead.findUnique({ where: { id: 1 } }))?.seq).toBe(headBefore?.seq);
  });

  it('names a selected finding that no longer exists', async () => {
    const { ids } = await openFindings(1);
    await expect(
      acceptFindings(security, {
        findingIds: [...ids, 'gone'],
        reason: 'Replaced next sprint by task scopes',
        days: 7,
      }),
    ).rejects.toMatchObject({ status: 409, details: { unavailable: [{ id: 'gone', title: null }] } });
  });

  it('is refused to sponsors and auditors, and asks for a reason and a number of days', async () => {
    const { ids } = await openFindings(1);
    const input = { findingIds: ids, reason: 'Replaced next sprint by task scopes', days: 7 };
    await expect(acceptFindings(sponsorA, input)).rejects.toMatchObject({ status: 403 });
    await expect(acceptFindings(auditor, input)).rejects.toMatchObject({ status: 403 });
    await expect(acceptFindings(security, { ...input, reason: 'short' })).rejects.toMatchObject({ status: 422 });
    await expect(acceptFindings(security, { ...input, days: 0 })).rejects.toMatchObject({ status: 422 });
    await expect(acceptFindings(security, { ...input, findingIds: [] })).rejects.toMatchObject({ status: 422 });
    const db = await getDb();
    expect((await db.finding.findUniqueOrThrow({ where: { id: ids[0] } })).status).toBe('OPEN');
  });
});
