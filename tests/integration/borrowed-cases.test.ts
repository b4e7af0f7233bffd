import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import { refreshBorrowedCases } from '../../lib/borrowed/refresh';
import { borrowedBurnDown, getBorrowedCase, listBorrowedCases } from '../../lib/borrowed/list';
import {
  assignBorrowedCase,
  reopenBorrowedCase,
  resolveBorrowedCase,
  startBorrowedMigration,
} from '../../lib/borrowed/workflow';
import { createSuppression, liftSuppression, listSuppressions } from '../../lib/borrowed/suppressions';
import { loadBorrowedMarks, loadDetectionInventory } from '../../lib/borrowed/inventory';
import { createPerson, countRows } from '../support/people';
import { agentUse, appendImported, BOTO3, browserUse, DAY, HOUR, T0 } from './borrowed-events';

const NOW = new Date(T0 + 20 * DAY);

async function caseRow(credentialExternalId: string) {
  const db = await getDb();
  return db.borrowedCase.findFirstOrThrow({ where: { credentialExternalId } });
}

async function actionsSince(seq: number) {
  const db = await getDb();
  const events = await db.auditEvent.findMany({ where: { seq: { gt: seq } }, orderBy: { seq: 'asc' } });
  return events.map((event) => ({ action: event.action, resource: event.resource, executor: event.executorLabel }));
}

/** Refusals write nothing: the chain and the case stay as they were. */
async function expectRefused(work: () => Promise<unknown>, status: number, caseId: string) {
  const db = await getDb();
  const before = await countRows();
  const row = await db.borrowedCase.findUniqueOrThrow({ where: { id: caseId } });
  await expect(work()).rejects.toMatchObject({ status });
  expect(await countRows()).toEqual(before);
  expect(await db.borrowedCase.findUniqueOrThrow({ where: { id: caseId } })).toEqual(row);
}

describe('refreshing borrowed-credential cases from imported events', () => {
  it('opens a case with the evidence seqs, changes nothing when run again, links the person once known, and keeps status and assignee', async () => {
    const seqs = await appendImported([
      ...browserUse('alice', T0, 5),
      ...agentUse('alice', 'AKIAALICE00000000001', T0 + DAY, 30),
    ]);
    const head = (await countRows()).headSeq;

    const first = await refreshBorrowedCases({ now: NOW });
    expect(first).toEqual({ cases: 1, flagged: 1, opened: 1, reopened: 0, updated: 0 });
    const opened = await caseRow('AKIAALICE00000000001');
    expect(opened).toMatchObject({ status: 'OPEN', confidence: 'HIGH', flagged: true, humanId: null, eventCount: 360 });
    const evidence = JSON.parse(opened.evidence) as { seq: number; sourceEventId: string; role: string }[];
    expect(evidence.length).toBeGreaterThan(0);
    for (const item of evidence) expect(item.seq).toBe(seqs.get(item.sourceEventId));
    expect(evidence.some((item) => item.role === 'interactive')).toBe(true);
    expect(opened.searchText).toContain('akiaalice00000000001');
    expect(await actionsSince(head)).toEqual([
      { action: 'borrowed.case_open', resource: `borrowed-case:${opened.id}`, executor: 'steward:borrowed-detection' },
      { action: 'borrowed.refresh', resource: null, executor: 'steward:borrowed-detection' },
    ]);
    expect(await loadBorrowedMarks(await getDb())).toEqual([
      expect.objectContaining({ caseId: opened.id, credentialKey: opened.credentialKey }),
    ]);

    const again = await refreshBorrowedCases({ now: NOW });
    expect(again).toEqual({ cases: 1, flagged: 1, opened: 0, reopened: 0, updated: 0 });
    expect(await caseRow('AKIAALICE00000000001')).toEqual(opened);

    const alice = await createPerson('SPONSOR', { email: 'alice@acme.example' });
    const db = await getDb();
    await db.personAlias.create({
      data: { system: 'aws', externalId: 'arn:aws:iam::111122223333:user/alice', humanId: alice.humanId },
    });
    expect((await loadDetectionInventory(db, NOW)).people).toContainEqual(
      expect.objectContaining({ id: alice.humanId, externalIds: ['arn:aws:iam::111122223333:user/alice'] }),
    );
    expect(await refreshBorrowedCases({ now: NOW })).toMatchObject({ opened: 0, updated: 1 });
    expect(await caseRow('AKIAALICE00000000001')).toMatchObject({ id: opened.id, humanId: alice.humanId });

    const security = await createPerson('SECURITY');
    await assignBorrowedCase(security, { caseId: opened.id, assigneeId: security.humanId });
    await appendImported(agentUse('alice', 'AKIAALICE00000000001', T0 + 3 * DAY, 2));
    expect(await refreshBorrowedCases({ now: NOW })).toMatchObject({ opened: 0, updated: 1 });
    expect(await caseRow('AKIAALICE00000000001')).toMatchObject({
      status: 'ASSIGNED',
      assigneeId: security.humanId,
      eventCount: 384,
    });
  });
  it('marks the events a flagged case covers that were stored under another attribution, and unmarks them with the case', async () => {
    const seqs = await appendImported([
      ...browserUse('nadia', T0, 5),
      ...agentUse('nadia', 'AKIANADIA00000000001', T0 + DAY, 24, 5, BOTO3),
    ]);
    await refreshBorrowedCases({ now: NOW });
    const found = await caseRow('AKIANADIA00000000001');
    expect(found.flagged).toBe(true);
    const db = await getDb();
    const sdkSeqs = [...seqs.values()].slice(-24 * 12);
    const stored = await db.auditEvent.findMany({
      where: { seq: { in: sdkSeqs } },
      select: { seq: true, attribution: true },
    });
    const storedOtherwise = stored.filter((event) => event.attribution !== 'AGENT_BORROWED');
    expect(storedOtherwise.length).toBeGreaterThan(0);
    const marks = await db.borrowedEventMark.findMany({ where: { caseId: found.id }, orderBy: { seq: 'asc' } });
    expect(marks.map((mark) => mark.seq)).toEqual(storedOtherwise.map((event) => event.seq).sort((a, b) => a - b));
    expect(marks.every((mark) => mark.day === '2026-11-03')).toBe(true);

    await refreshBorrowedCases({ now: NOW });
    expect(await db.borrowedEventMark.findMany({ where: { caseId: found.id }, orderBy: { seq: 'asc' } })).toEqual(
      marks,
    );

    const security = await createPerson('SECURITY');
    await createSuppression(security, {
      reason: 'A known batch job, migrating next quarter',
      expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
      credential: 'AKIANADIA00000000001',
    });
    expect(await db.borrowedEventMark.count({ where: { caseId: found.id } })).toBe(0);
  });

  it('stops counting a case detection no longer finds, keeping its status', async () => {
    await appendImported([...browserUse('omar', T0, 5), ...agentUse('omar', 'AKIAOMAR000000000001', T0 + DAY, 24)]);
    await refreshBorrowedCases({ now: NOW });
    expect(await caseRow('AKIAOMAR000000000001')).toMatchObject({ flagged: true, status: 'OPEN' });
    const db = await getDb();
    const service = await db.nhi.create({
      data: { name: 'omar-batch', kind: 'SERVICE_ACCOUNT', system: 'aws', externalId: 'omar-batch' },
    });
    await db.credential.create({
      data: {
        kind: 'ACCESS_KEY',
        name: 'omar-batch key',
        system: 'aws',
        fingerprint: 'AKIAOMAR000000000001',
        subjectNhiId: service.id,
      },
    });
    expect(await refreshBorrowedCases({ now: NOW })).toMatchObject({ opened: 0, updated: 1 });
    expect(await caseRow('AKIAOMAR000000000001')).toMatchObject({ flagged: false, status: 'OPEN' });
    expect(await refreshBorrowedCases({ now: NOW })).toMatchObject({ updated: 0 });
  });
});

describe('the remediation workflow', () => {
  it('moves open → assigned → migrating → resolved only when the credential ended before the last use, reopens on new use, and refuses the rest without writing', async () => {
    await appendImported([...browserUse('erin', T0, 5), ...agentUse('erin', 'AKIAERIN000000000001', T0 + DAY, 24)]);
    await refreshBorrowedCases({ now: NOW });
    const found = await caseRow('AKIAERIN000000000001');
    const security = await createPerson('SECURITY');
    const auditor = await createPerson('AUDITOR');
    const noRole = await createPerson(null);
    const head = (await countRows()).headSeq;

    await expectRefused(() => startBorrowedMigration(security, { caseId: found.id }), 409, found.id);
    await expectRefused(
      () => assignBorrowedCase(auditor, { caseId: found.id, assigneeId: security.humanId }),
      403,
      found.id,
    );
    await expectRefused(
      () => assignBorrowedCase(security, { caseId: found.id, assigneeId: noRole.humanId }),
      422,
      found.id,
    );
    await expectRefused(
      () => assignBorrowedCase(security, { caseId: 'bc_missing', assigneeId: security.humanId }),
      404,
      found.id,
    );

    expect(await assignBorrowedCase(security, { caseId: found.id, assigneeId: security.humanId })).toEqual({
      id: found.id,
      status: 'ASSIGNED',
    });
    expect(await startBorrowedMigration(security, { caseId: found.id })).toEqual({ id: found.id, status: 'MIGRATING' });

    const detail = await getBorrowedCase(security, found.id);
    expect(detail.canResolve).toEqual({ ok: false, why: expect.stringContaining('state when it was revoked') });
    await expectRefused(() => resolveBorrowedCase(security, { caseId: found.id }), 422, found.id);
    await expectRefused(
      () =>
        resolveBorrowedCase(security, { caseId: found.id, credentialEndedAt: new Date(T0 + DAY + HOUR).toISOString() }),
      409,
      found.id,
    );
    await expectRefused(
      () =>
        resolveBorrowedCase(security, {
          caseId: found.id,
          credentialEndedAt: new Date(Date.now() + DAY).toISOString(),
        }),
      422,
      found.id,
    );
    const ended = new Date(T0 + 2 * DAY + HOUR);
    expect(await resolveBorrowedCase(security, { caseId: found.id, credentialEndedAt: ended.toISOString() })).toEqual({
      id: found.id,
      status: 'RESOLVED',
    });
    const resolved = await getBorrowedCase(security, found.id);
    expect(resolved).toMatchObject({ status: 'RESOLVED', credentialEndedAt: ended.toISOString() });
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.assignee).toEqual({ id: security.humanId, name: security.name });

    expect((await actionsSince(head)).map((event) => [event.action, event.executor])).toEqual([
      ['borrowed.case_assign', security.email],
      ['borrowed.case_migrate', security.email],
      ['borrowed.case_resolve', security.email],
    ]);

    expect(await refreshBorrowedCases({ now: NOW })).toMatchObject({ reopened: 0, updated: 0 });
    await appendImported(agentUse('erin', 'AKIAERIN000000000001', T0 + 4 * DAY, 1));
    const beforeReopen = (await countRows()).headSeq;
    expect(await refreshBorrowedCases({ now: NOW })).toMatchObject({ reopened: 1 });
    expect(await caseRow('AKIAERIN000000000001')).toMatchObject({
      status: 'OPEN',
      resolvedAt: null,
      credentialEndedAt: null,
      assigneeId: security.humanId,
    });
    expect((await actionsSince(beforeReopen)).map((event) => event.action)).toEqual([
      'borrowed.case_reopen',
      'borrowed.refresh',
    ]);

    await expectRefused(
      () => reopenBorrowedCase(security, { caseId: found.id, reason: 'used again by the agent' }),
      409,
      found.id,
    );
    await resolveBorrowedCase(security, { caseId: found.id, credentialEndedAt: new Date(T0 + 5 * DAY).toISOString() });
    await expectRefused(() => reopenBorrowedCase(security, { caseId: found.id, reason: 'short' }), 422, found.id);
    expect(
      await reopenBorrowedCase(security, { caseId: found.id, reason: 'The key turned up in another job.' }),
    ).toEqual({
      id: found.id,
      status: 'OPEN',
    });
  });

  it('resolves a case of an inventoried credential only once it is revoked or rotated in the inventory', async () => {
    const security = await createPerson('SECURITY');
    const frank = await createPerson('SPONSOR', { email: 'frank@acme.example' });
    const db = await getDb();
    const credential = await db.credential.create({
      data: {
        kind: 'ACCESS_KEY',
        name: 'frank laptop key',
        system: 'aws',
        fingerprint: 'AKIAFRANK00000000001',
        subjectHumanId: frank.humanId,
      },
    });
    await appendImported([...browserUse('frank', T0, 5), ...agentUse('frank', 'AKIAFRANK00000000001', T0 + DAY, 24)]);
    await refreshBorrowedCases({ now: NOW });
    const found = await caseRow('AKIAFRANK00000000001');
    expect(found.credentialId).toBe(credential.id);

    expect((await getBorrowedCase(security, found.id)).canResolve).toMatchObject({ ok: false });
    await expectRefused(
      () =>
        resolveBorrowedCase(security, { caseId: found.id, credentialEndedAt: new Date(T0 + 3 * DAY).toISOString() }),
      409,
      found.id,
    );
    await db.credential.update({
      where: { id: credential.id },
      data: { status: 'REVOKED', revokedAt: new Date(T0 + 3 * DAY) },
    });
    expect((await getBorrowedCase(security, found.id)).canResolve).toMatchObject({ ok: true });
    await resolveBorrowedCase(security, { caseId: found.id });
    expect(await caseRow('AKIAFRANK00000000001')).toMatchObject({
      status: 'RESOLVED',
      credentialEndedAt: new Date(T0 + 3 * DAY),
    });
  });
});

describe('who reads which cases', () => {
  it('shows a sponsor only the cases of the agents they sponsor, and everyone with borrowed.read all of them', async () => {
    const sponsor = await createPerson('SPONSOR');
    const otherSponsor = await createPerson('SPONSOR');
    const auditor = await createPerson('AUDITOR');
    const carol = await createPerson(null, { email: 'carol@acme.example' });
    const db = await getDb();
    const agent = await db.nhi.create({
      data: {
        name: 'report-bot',
        kind: 'AI_AGENT',
        system: 'aws',
        externalId: 'report-bot',
        sponsorId: sponsor.humanId,
      },
    });
    await db.credential.create({
      data: {
        kind: 'ACCESS_KEY',
        name: 'carol key held by report-bot',
        system: 'aws',
        fingerprint: 'AKIACAROL00000000001',
        subjectHumanId: carol.humanId,
        holderNhiId: agent.id,
      },
    });
    await appendImported([
      ...browserUse('carol', T0, 5),
      ...agentUse('carol', 'AKIACAROL00000000001', T0 + DAY, 24),
      ...browserUse('dave', T0, 5),
      ...agentUse('dave', 'AKIADAVE000000000001', T0 + DAY, 26),
    ]);
    await refreshBorrowedCases({ now: NOW });
    const carolCase = await caseRow('AKIACAROL00000000001');
    const daveCase = await caseRow('AKIADAVE000000000001');
    expect(carolCase).toMatchObject({ agentNhiId: agent.id, flagged: true });
    expect(JSON.parse(carolCase.reasons)).toContainEqual(expect.objectContaining({ code: 'DECLARED_IN_INVENTORY' }));

    const ids = async (actor: Parameters<typeof listBorrowedCases>[0]) =>
      (await listBorrowedCases(actor, { q: 'akia' })).cases.map((found) => found.id).sort();
    expect(await ids(sponsor)).toEqual([carolCase.id]);
    expect(await ids(otherSponsor)).toEqual([]);
    expect(await ids(auditor)).toEqual(expect.arrayContaining([carolCase.id, daveCase.id]));
    const sponsored = await getBorrowedCase(sponsor, carolCase.id);
    expect(sponsored.agents[0]).toEqual({ id: agent.id, label: 'report-bot' });
    await expect(getBorrowedCase(sponsor, daveCase.id)).rejects.toMatchObject({ status: 404 });
    await expect(getBorrowedCase(otherSponsor, carolCase.id)).rejects.toMatchObject({ status: 404 });

    const burnDown = await borrowedBurnDown(auditor, 3);
    expect(burnDown.map((day) => day.day)).toHaveLength(3);
    expect(burnDown[2].open).toBeGreaterThanOrEqual(2);
    expect(await borrowedBurnDown(sponsor, 1)).toEqual([expect.objectContaining({ open: 1 })]);
    await expect(borrowedBurnDown(auditor, 0)).rejects.toMatchObject({ status: 400 });
  });
});

describe('suppressions', () => {
  it('takes a reason, a pattern and an end date within a year, turns matching cases off at once and on again when lifted, audited', async () => {
    await appendImported([...browserUse('gina', T0, 5), ...agentUse('gina', 'AKIAGINA000000000001', T0 + DAY, 24)]);
    await refreshBorrowedCases({ now: NOW });
    const found = await caseRow('AKIAGINA000000000001');
    const security = await createPerson('SECURITY');
    const auditor = await createPerson('AUDITOR');
    const inAMonth = new Date(Date.now() + 30 * DAY).toISOString();
    const valid = { reason: 'Load test account, retired next month', expiresAt: inAMonth, credential: 'AKIAGINA*' };

    const before = await countRows();
    await expect(createSuppression(auditor, valid)).rejects.toMatchObject({ status: 403 });
    await expect(createSuppression(security, { ...valid, credential: undefined })).rejects.toMatchObject({
      status: 422,
    });
    await expect(createSuppression(security, { ...valid, credential: '*' })).rejects.toMatchObject({ status: 422 });
    await expect(
      createSuppression(security, { ...valid, expiresAt: new Date(Date.now() - DAY).toISOString() }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      createSuppression(security, { ...valid, expiresAt: new Date(Date.now() + 400 * DAY).toISOString() }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(createSuppression(security, { ...valid, reason: 'because' })).rejects.toMatchObject({ status: 422 });
    expect(await countRows()).toEqual(before);

    const created = await createSuppression(security, valid);
    expect(created.cases).toBe(1);
    expect(await caseRow('AKIAGINA000000000001')).toMatchObject({ flagged: false, suppressionId: created.id });
    const flaggedIds = (await listBorrowedCases(auditor, {})).cases.map((listed) => listed.id);
    expect(flaggedIds).not.toContain(found.id);
    const everything = await listBorrowedCases(auditor, { include: 'all', q: 'akiagina' });
    expect(everything.cases).toEqual([
      expect.objectContaining({
        id: found.id,
        flagged: false,
        suppression: { reason: valid.reason, expiresAt: inAMonth },
      }),
    ]);
    expect(await refreshBorrowedCases()).toMatchObject({ opened: 0, updated: 0 });
    expect(await caseRow('AKIAGINA000000000001')).toMatchObject({ flagged: false, suppressionId: created.id });
    expect(await listSuppressions(auditor)).toContainEqual(
      expect.objectContaining({ id: created.id, active: true, cases: 1, match: { credential: 'AKIAGINA*' } }),
    );

    await liftSuppression(security, { id: created.id });
    await expect(liftSuppression(security, { id: created.id })).rejects.toMatchObject({ status: 409 });
    expect(await caseRow('AKIAGINA000000000001')).toMatchObject({ flagged: true, suppressionId: null });
    const db = await getDb();
    const audited = await db.auditEvent.findMany({
      where: { resource: `borrowed-suppression:${created.id}` },
      orderBy: { seq: 'asc' },
    });
    expect(audited.map((event) => [event.action, event.initiatorId, event.executorId])).toEqual([
      ['borrowed.suppression_create', security.humanId, security.humanId],
      ['borrowed.suppression_lift', security.humanId, security.humanId],
    ]);
  });
});
