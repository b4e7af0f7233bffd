import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import type { HumanActor } from '../../lib/auth/actor';
import { refreshNhiStats } from '../../lib/inventory/stats';
import { DAY_MS, dayOf } from '../../lib/metrics/days';
import { getGovernanceMetrics, METRIC_DAYS, type DailyValues } from '../../lib/metrics/governance';
import { ORPHANED_METRIC, recordGovernanceSnapshot } from '../../lib/metrics/snapshots';
import { completeScope, fetchTaskToken, requestScope } from '../../lib/scopes/agent';
import { approveScope, denyScope } from '../../lib/scopes/approvals';
import { revokeScope } from '../../lib/scopes/revoke';
import { createPerson } from '../support/people';
import { createAgent, scopeAsk } from '../support/scopes';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** The start of the UTC day `daysAgo` days before today. */
function dayStartAgo(daysAgo: number): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - daysAgo * DAY_MS;
}

function onDay<K extends string>(series: DailyValues<K>[], daysAgo: number): DailyValues<K> {
  const day = dayOf(new Date(dayStartAgo(daysAgo)));
  const found = series.find((entry) => entry.day === day);
  if (!found) throw new Error(`no figure for ${day}`);
  return found;
}

type Agent = Awaited<ReturnType<typeof createAgent>>;

/**
 * A scope asked for and decided through the use cases; then its request and decision are moved to when the test
 * says they happened (its expiry stays ahead, so that its token can still be fetched).
 */
async function decidedScope(
  agent: Agent,
  initiator: HumanActor,
  times: { requestedAt: number; decidedAt: number },
  decision: 'approve' | 'deny' = 'approve',
): Promise<string> {
  const { id } = await requestScope(agent.actor, scopeAsk(initiator.email));
  if (decision === 'approve') await approveScope(agent.sponsor, { scopeId: id });
  else await denyScope(agent.sponsor, { scopeId: id, reason: 'Not for this task.' });
  const db = await getDb();
  await db.scopeRequest.update({
    where: { id },
    data: { requestedAt: new Date(times.requestedAt), decidedAt: new Date(times.decidedAt) },
  });
  return id;
}

async function moveScope(id: string, data: { completedAt?: number; revokedAt?: number; expiresAt?: number }) {
  const db = await getDb();
  const at = (value?: number) => (value === undefined ? undefined : new Date(value));
  await db.scopeRequest.update({
    where: { id },
    data: { completedAt: at(data.completedAt), revokedAt: at(data.revokedAt), expiresAt: at(data.expiresAt) },
  });
  const token = await db.taskToken.findUnique({ where: { scopeRequestId: id }, select: { credentialId: true } });
  const end = Math.min(...[data.completedAt, data.revokedAt, data.expiresAt].filter((at) => at !== undefined));
  if (token)
    await db.credential.update({
      where: { id: token.credentialId },
      data: { issuedAt: new Date(end - 10 * MINUTE_MS), expiresAt: new Date(end), revokedAt: at(data.revokedAt) },
    });
}

async function addCredential(holderNhiId: string, times: { issuedAt: number; revokedAt?: number }) {
  const db = await getDb();
  await db.credential.create({
    data: {
      name: `pat-${randomUUID().slice(0, 8)}`,
      kind: 'PERSONAL_ACCESS_TOKEN',
      system: 'github',
      fingerprint: `sha256:${randomUUID()}`,
      holderNhiId,
      issuedAt: new Date(times.issuedAt),
      ...(times.revokedAt === undefined ? {} : { revokedAt: new Date(times.revokedAt), status: 'REVOKED' as const }),
    },
  });
}

describe('governance metrics', () => {
  it('computes turnaround, grant lifetime and standing vs task-scoped credentials from timestamps', async () => {
    const sponsor = await createPerson('SPONSOR');
    const agent = await createAgent({ sponsor });
    const initiator = await createPerson('AUDITOR');
    const yesterday = dayStartAgo(1);

    // Decided yesterday after 10, 20, 30, 40 and 100 minutes; ten days ago one decision after 1,000 minutes.
    const waits = [10, 20, 30, 40, 100];
    const ids: string[] = [];
    for (const [index, wait] of waits.entries()) {
      const decidedAt = yesterday + (2 + index) * HOUR_MS;
      ids.push(
        await decidedScope(
          agent,
          initiator,
          { requestedAt: decidedAt - wait * MINUTE_MS, decidedAt },
          index === 3 ? 'deny' : 'approve',
        ),
      );
    }
    const tenDaysAgo = dayStartAgo(10) + 20 * HOUR_MS;
    await decidedScope(agent, initiator, { requestedAt: tenDaysAgo - 1000 * MINUTE_MS, decidedAt: tenDaysAgo });

    // Grants ending yesterday: completed after 60 minutes, revoked after 180, expired after 30 (mean 90).
    const [completed, revoked, expired] = [ids[0], ids[1], ids[2]];
    const { token } = await fetchTaskToken(agent.actor, { id: completed });
    await completeScope(token, completed);
    await fetchTaskToken(agent.actor, { id: revoked });
    await revokeScope(sponsor, { scopeId: revoked, reason: 'The task was cancelled.' });
    const approvedAt = (index: number) => yesterday + (2 + index) * HOUR_MS;
    const later = (index: number) => approvedAt(index) + 4 * HOUR_MS;
    await moveScope(completed, { completedAt: approvedAt(0) + 60 * MINUTE_MS, expiresAt: later(0) });
    await moveScope(revoked, { revokedAt: approvedAt(1) + 180 * MINUTE_MS, expiresAt: later(1) });
    await moveScope(expired, { expiresAt: approvedAt(2) + 30 * MINUTE_MS });

    // A live grant with its token: one task-scoped credential now.
    const live = ids[4];
    const db = await getDb();
    await db.scopeRequest.update({ where: { id: live }, data: { expiresAt: new Date(Date.now() + HOUR_MS) } });
    await fetchTaskToken(agent.actor, { id: live });

    // Standing credentials: one since five days ago, one from twenty days ago revoked three days ago.
    await addCredential(agent.nhi.id, { issuedAt: dayStartAgo(5) + HOUR_MS });
    await addCredential(agent.nhi.id, { issuedAt: dayStartAgo(20) + HOUR_MS, revokedAt: dayStartAgo(3) + HOUR_MS });

    const metrics = await getGovernanceMetrics(sponsor);
    expect(metrics.turnaround).toHaveLength(METRIC_DAYS);

    // Median of 10, 20, 30, 40, 100 is 30; p90 interpolates between 40 and 100 at 0.6: 76.
    expect(onDay(metrics.turnaround, 1)).toMatchObject({ medianMinutes: 30, p90Minutes: 76, decisions: 5 });
    expect(onDay(metrics.turnaround, 10)).toMatchObject({ medianMinutes: 1000, p90Minutes: 1000, decisions: 1 });
    // The seven days ending four days ago hold the decision of ten days ago; those ending three days ago none.
    expect(onDay(metrics.turnaround, 4)).toMatchObject({ medianMinutes: 1000, decisions: 1 });
    expect(onDay(metrics.turnaround, 3)).toMatchObject({ medianMinutes: null, p90Minutes: null, decisions: 0 });
    expect(onDay(metrics.turnaround, 0).decisions).toBe(5);

    expect(onDay(metrics.grantLifetime, 1)).toMatchObject({ meanMinutes: 90, grants: 3 });
    expect(onDay(metrics.grantLifetime, 2)).toMatchObject({ meanMinutes: null, grants: 0 });

    // Active at some time of the day: yesterday's two tokens (the expired grant's was never fetched), and the
    // credential revoked three days ago on that day still.
    expect(onDay(metrics.credentials, 0)).toMatchObject({ standing: 1, taskScoped: 1 });
    expect(onDay(metrics.credentials, 1)).toMatchObject({ standing: 1, taskScoped: 2 });
    expect(onDay(metrics.credentials, 2)).toMatchObject({ standing: 1, taskScoped: 0 });
    expect(onDay(metrics.credentials, 3)).toMatchObject({ standing: 2, taskScoped: 0 });
    expect(onDay(metrics.credentials, 4)).toMatchObject({ standing: 2, taskScoped: 0 });
    expect(onDay(metrics.credentials, 5)).toMatchObject({ standing: 2, taskScoped: 0 });
    expect(onDay(metrics.credentials, 6)).toMatchObject({ standing: 1, taskScoped: 0 });
    expect(onDay(metrics.credentials, 10)).toMatchObject({ standing: 1, taskScoped: 0 });
    expect(onDay(metrics.credentials, 25)).toMatchObject({ standing: 0, taskScoped: 0 });

    // Another sponsor sees none of it; the security team sees it among the organisation's.
    const other = await getGovernanceMetrics(await createPerson('SPONSOR'));
    expect(onDay(other.turnaround, 1).decisions).toBe(0);
    expect(onDay(other.credentials, 4)).toMatchObject({ standing: 0, taskScoped: 0 });
    const organisation = await getGovernanceMetrics(await createPerson('SECURITY'));
    expect(onDay(organisation.credentials, 4).standing).toBeGreaterThanOrEqual(2);
    expect(onDay(organisation.turnaround, 1).decisions).toBeGreaterThanOrEqual(5);
  });

  it('records one orphaned-NHI snapshot a day, replaced by later readings, and shows days without one as gaps', async () => {
    const db = await getDb();
    const gone = await db.human.create({
      data: { email: `gone-${randomUUID()}@test.example`, name: 'Gone', status: 'OFFBOARDED' },
    });
    const orphan = await db.nhi.create({
      data: { name: 'orphan', kind: 'AI_AGENT', system: 'internal', externalId: randomUUID(), sponsorId: gone.id },
    });
    await refreshNhiStats(db, [orphan.id]);
    const orphaned = await db.nhi.count({ where: { orphaned: true } });
    expect(orphaned).toBeGreaterThan(0);

    const yesterday = new Date(dayStartAgo(1) + 12 * HOUR_MS);
    const first = await recordGovernanceSnapshot(yesterday);
    const again = await recordGovernanceSnapshot(yesterday);
    expect(again).toEqual(first);
    const rows = () => db.governanceSnapshot.findMany({ where: { metric: ORPHANED_METRIC, day: first.day } });
    expect(await rows()).toEqual([{ day: first.day, metric: ORPHANED_METRIC, value: orphaned }]);

    const second = await db.nhi.create({
      data: { name: 'orphan-2', kind: 'SERVICE_ACCOUNT', system: 'internal', externalId: randomUUID() },
    });
    await refreshNhiStats(db, [second.id]);
    await recordGovernanceSnapshot(new Date(yesterday.getTime() + HOUR_MS));
    expect(await rows()).toEqual([{ day: first.day, metric: ORPHANED_METRIC, value: orphaned + 1 }]);

    const metrics = await getGovernanceMetrics(await createPerson('SECURITY'));
    expect(onDay(metrics.orphaned, 0).orphaned).toBe(orphaned + 1);
    expect(onDay(metrics.orphaned, 1).orphaned).toBe(orphaned + 1);
    expect(onDay(metrics.orphaned, 2).orphaned).toBeNull();

    // A sponsor's figure is of the NHIs they sponsor, today only: the snapshots are the organisation's.
    const sponsored = await getGovernanceMetrics(await createPerson('SPONSOR'));
    expect(onDay(sponsored.orphaned, 0).orphaned).toBe(0);
    expect(onDay(sponsored.orphaned, 1).orphaned).toBeNull();
  });
});
