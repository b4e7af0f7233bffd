import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import { requestScope } from '../../lib/scopes/agent';
import { approveScope, denyScope } from '../../lib/scopes/approvals';
import { revokeNhiGrants } from '../../lib/scopes/revoke';
import { pendingApprovals } from '../../lib/scopes/queue';
import { updateScopePolicy } from '../../lib/scopes/policy';
import { DEFAULT_SCOPE_POLICY } from '../../lib/scopes/risk';
import { createPerson } from '../support/people';
import { approvedScope, createAgent, scopeAsk } from '../support/scopes';

const RISKY = {
  actions: ['github:pulls.merge', 'github:contents.write'],
  resources: ['github:acme/*'],
  ttlSeconds: 3600,
};

async function statusOf(scopeId: string) {
  const db = await getDb();
  return (await db.scopeRequest.findUniqueOrThrow({ where: { id: scopeId } })).status;
}

describe('approving task scopes', () => {
  it('refuses anyone who initiated the task, even the sponsor, and lets Security stand in', async () => {
    const agent = await createAgent();
    const { id } = await requestScope(agent.actor, scopeAsk(agent.sponsor.email));
    await expect(approveScope(agent.sponsor, { scopeId: id })).rejects.toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      status: 403,
    });
    await expect(denyScope(agent.sponsor, { scopeId: id, reason: 'no' })).rejects.toMatchObject({ status: 403 });
    expect(await statusOf(id)).toBe('PENDING');
    const queue = await pendingApprovals(agent.sponsor);
    expect(queue.find((scope) => scope.id === id)?.blockedReason).toMatch(/You initiated this task/);
    const security = await createPerson('SECURITY');
    expect(await approveScope(security, { scopeId: id })).toMatchObject({ status: 'APPROVED', stage: 'SPONSOR' });
  });

  it('needs a second approval by someone else in Security for a risky state-changing scope', async () => {
    const agent = await createAgent();
    const initiator = await createPerson('AUDITOR');
    const { id } = await requestScope(agent.actor, scopeAsk(initiator.email, RISKY));
    const db = await getDb();
    expect(await db.scopeRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
      stateChanging: true,
      needsSecurityApproval: true,
    });
    expect(await approveScope(agent.sponsor, { scopeId: id, ttlSeconds: 1200 })).toMatchObject({
      status: 'PENDING',
      stage: 'SPONSOR',
    });
    await expect(approveScope(agent.sponsor, { scopeId: id })).rejects.toMatchObject({ code: 'SEPARATION_OF_DUTIES' });
    const security = await createPerson('SECURITY');
    expect(await approveScope(security, { scopeId: id })).toMatchObject({ status: 'APPROVED', stage: 'SECURITY' });
    const scope = await db.scopeRequest.findUniqueOrThrow({ where: { id }, include: { approvals: true } });
    expect(scope.approvals.map((approval) => approval.stage).sort()).toEqual(['SECURITY', 'SPONSOR']);
    expect(scope.approvedTtlSeconds).toBe(1200);
  });

  it('does not let one Security person give both approvals', async () => {
    const agent = await createAgent();
    const initiator = await createPerson('AUDITOR');
    const security = await createPerson('SECURITY');
    const { id } = await requestScope(agent.actor, scopeAsk(initiator.email, RISKY));
    await approveScope(security, { scopeId: id });
    await expect(approveScope(security, { scopeId: id })).rejects.toMatchObject({ code: 'SEPARATION_OF_DUTIES' });
    expect(await statusOf(id)).toBe('PENDING');
  });

  it('approves only within what was asked and what the policy allows', async () => {
    const agent = await createAgent();
    const initiator = await createPerson('AUDITOR');
    const { id } = await requestScope(agent.actor, scopeAsk(initiator.email, { maxUses: 10 }));
    const before = await getDb().then((db) => db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } }));
    const refused = [
      { ttlSeconds: 3600 },
      { resources: ['github:acme/*'] },
      { resources: ['gitlab:acme/payments/*'] },
      { maxUses: 11 },
    ];
    for (const change of refused)
      await expect(approveScope(agent.sponsor, { scopeId: id, ...change })).rejects.toMatchObject({ status: 422 });
    const after = await getDb().then((db) => db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } }));
    expect(after.seq).toBe(before.seq);
    await approveScope(agent.sponsor, { scopeId: id, resources: ['github:acme/payments/api/*'], maxUses: 2 });
    const db = await getDb();
    const scope = await db.scopeRequest.findUniqueOrThrow({ where: { id } });
    expect(JSON.parse(scope.resources)).toEqual(['github:acme/payments/api/*']);
    expect(JSON.parse(scope.requestedResources ?? '[]')).toEqual(['github:acme/payments/*']);
    expect(scope.maxUses).toBe(2);
  });

  it("keeps a sponsor to their own NHIs' requests", async () => {
    const agent = await createAgent();
    const initiator = await createPerson('AUDITOR');
    const { id } = await requestScope(agent.actor, scopeAsk(initiator.email));
    const otherSponsor = await createPerson('SPONSOR');
    await expect(approveScope(otherSponsor, { scopeId: id })).rejects.toMatchObject({ status: 404 });
    expect((await pendingApprovals(otherSponsor)).some((scope) => scope.id === id)).toBe(false);
    expect((await pendingApprovals(agent.sponsor)).some((scope) => scope.id === id)).toBe(true);
    const auditor = await createPerson('AUDITOR');
    await expect(approveScope(auditor, { scopeId: id })).rejects.toMatchObject({ status: 403 });
  });

  it('records a denial with its reason, and a decided scope cannot be decided again', async () => {
    const agent = await createAgent();
    const initiator = await createPerson('AUDITOR');
    const { id } = await requestScope(agent.actor, scopeAsk(initiator.email));
    await denyScope(agent.sponsor, { scopeId: id, reason: 'Use the read replica instead.' });
    const db = await getDb();
    expect(await db.scopeRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'DENIED',
      denialReason: 'Use the read replica instead.',
    });
    await expect(approveScope(agent.sponsor, { scopeId: id })).rejects.toMatchObject({ status: 409 });
    const event = await db.auditEvent.findFirstOrThrow({ where: { scopeId: id, action: 'scope.deny' } });
    expect(event).toMatchObject({ initiatorId: agent.sponsor.humanId, attribution: 'HUMAN' });
  });

  it('follows the policy saved in Settings for caps and second approvals', async () => {
    const admin = await createPerson('ADMIN');
    await updateScopePolicy(admin, {
      ...DEFAULT_SCOPE_POLICY,
      stateChangingTtlCapSeconds: 600,
      stateChangingVerbs: { github: ['pulls.comment'] },
    });
    try {
      const agent = await createAgent();
      const initiator = await createPerson('AUDITOR');
      await expect(
        requestScope(agent.actor, scopeAsk(initiator.email, { actions: ['github:pulls.comment'], ttlSeconds: 900 })),
      ).rejects.toMatchObject({ status: 422 });
      const merge = await requestScope(
        agent.actor,
        scopeAsk(initiator.email, { actions: ['github:pulls.merge'], ttlSeconds: 7200 }),
      );
      expect(merge.status).toBe('PENDING');
    } finally {
      await updateScopePolicy(admin, DEFAULT_SCOPE_POLICY);
    }
  });

  it('revokes every grant of an NHI at once, each token refused afterwards', async () => {
    const first = await approvedScope();
    const db = await getDb();
    const initiator = await createPerson('AUDITOR');
    const second = await requestScope(first.actor, scopeAsk(initiator.email, { task: 'Second task' }));
    await approveScope(first.sponsor, { scopeId: second.id });
    expect(await revokeNhiGrants(first.sponsor, { nhiId: first.nhi.id, reason: 'Agent misbehaved' })).toEqual({
      revoked: 2,
    });
    const scopes = await db.scopeRequest.findMany({ where: { nhiId: first.nhi.id } });
    expect(scopes.map((scope) => scope.status)).toEqual(['REVOKED', 'REVOKED']);
    const credential = await db.credential.findFirstOrThrow({
      where: { taskToken: { scopeRequestId: first.scopeId } },
    });
    expect(credential.status).toBe('REVOKED');
    const stranger = await createPerson('SPONSOR');
    await expect(revokeNhiGrants(stranger, { nhiId: first.nhi.id, reason: 'x' })).rejects.toMatchObject({
      status: 404,
    });
  });
});
