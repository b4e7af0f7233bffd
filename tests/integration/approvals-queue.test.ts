import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import { fetchTaskToken, requestScope } from '../../lib/scopes/agent';
import { approveScope } from '../../lib/scopes/approvals';
import { activeGrants, agentHistory, GRANTS_PAGE_SIZE, pendingApprovals } from '../../lib/scopes/queue';
import { createPerson } from '../support/people';
import { createAgent, scopeAsk } from '../support/scopes';

const RISKY = {
  actions: ['github:pulls.merge', 'github:contents.write'],
  resources: ['github:acme/*'],
  ttlSeconds: 3600,
};

describe('what the approval screens read', () => {
  it('takes an approval as the dialog sends it: a shorter lifetime, one resource a line, an empty use limit', async () => {
    const agent = await createAgent();
    const initiator = await createPerson('AUDITOR');
    const { id } = await requestScope(
      agent.actor,
      scopeAsk(initiator.email, { resources: ['github:acme/payments/*', 'github:acme/ledger/*'], ttlSeconds: 3600 }),
    );
    const before = Date.now();
    expect(
      await approveScope(agent.sponsor, {
        scopeId: id,
        ttlSeconds: '1800',
        resources: 'github:acme/payments/api\n',
        maxUses: '',
      }),
    ).toMatchObject({ status: 'APPROVED' });
    const { grants } = await activeGrants(agent.sponsor, { nhiId: agent.nhi.id });
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ id, resources: ['github:acme/payments/api'], maxUses: null, token: null });
    const lifetime = grants[0].expiresAt.getTime() - before;
    expect(lifetime).toBeGreaterThan(1790_000);
    expect(lifetime).toBeLessThanOrEqual(1800_000 + 5_000);
  });

  it('shows a sponsor a scope that waits for Security as blocked, and Security as theirs to decide', async () => {
    const agent = await createAgent();
    const initiator = await createPerson('AUDITOR');
    const security = await createPerson('SECURITY');
    const { id } = await requestScope(agent.actor, scopeAsk(initiator.email, RISKY));
    const asSponsor = (await pendingApprovals(agent.sponsor)).find((scope) => scope.id === id);
    expect(asSponsor).toMatchObject({ stage: 'SPONSOR', blockedReason: null });
    expect(asSponsor?.risk.needsSecurityApproval).toBe(true);
    expect(asSponsor?.ttlCapSeconds).toBe(3600);

    await approveScope(agent.sponsor, { scopeId: id });
    const waiting = (await pendingApprovals(agent.sponsor)).find((scope) => scope.id === id);
    expect(waiting).toMatchObject({
      stage: 'SECURITY',
      blockedReason: expect.stringMatching(/second approval by Security/),
    });
    expect(waiting?.approvals).toEqual([expect.objectContaining({ stage: 'SPONSOR', approver: agent.sponsor.email })]);
    expect((await pendingApprovals(security)).find((scope) => scope.id === id)).toMatchObject({
      stage: 'SECURITY',
      blockedReason: null,
    });
  });

  it('lists only the live grants within reach, with their uses and whether the token was fetched', async () => {
    const agent = await createAgent();
    const other = await createAgent();
    const initiator = await createPerson('AUDITOR');
    const ids: string[] = [];
    for (const owner of [agent, agent, other]) {
      const { id } = await requestScope(owner.actor, scopeAsk(initiator.email, { maxUses: 5 }));
      await approveScope(owner.sponsor, { scopeId: id });
      ids.push(id);
    }
    await fetchTaskToken(agent.actor, { id: ids[0] });
    const db = await getDb();
    await db.scopeRequest.update({ where: { id: ids[1] }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const mine = await activeGrants(agent.sponsor);
    expect(mine.grants.map((grant) => grant.id)).toEqual([ids[0]]);
    expect(mine.grants[0]).toMatchObject({
      useCount: 0,
      maxUses: 5,
      token: expect.objectContaining({ id: expect.any(String) }),
    });
    expect(mine.canRevoke).toBe(true);
    expect((await activeGrants(agent.sponsor, { nhiId: other.nhi.id })).grants).toEqual([]);

    const security = await createPerson('SECURITY');
    const all = await activeGrants(security, { nhiId: other.nhi.id });
    expect(all.grants.map((grant) => grant.id)).toEqual([ids[2]]);
    expect(all.pageSize).toBe(GRANTS_PAGE_SIZE);
  });

  it("tells an approver the agent's past, and nothing about another sponsor's agent", async () => {
    const agent = await createAgent();
    const initiator = await createPerson('AUDITOR');
    const { id } = await requestScope(agent.actor, scopeAsk(initiator.email, { task: 'Earlier task' }));
    await approveScope(agent.sponsor, { scopeId: id });
    const { id: pending } = await requestScope(agent.actor, scopeAsk(initiator.email, { task: 'Pending task' }));

    const history = await agentHistory(agent.sponsor, agent.nhi.id);
    expect(history.pastScopes.map((scope) => scope.id)).toEqual([id]);
    expect(history.pastScopes.map((scope) => scope.id)).not.toContain(pending);

    const stranger = await createPerson('SPONSOR');
    await expect(agentHistory(stranger, agent.nhi.id)).rejects.toMatchObject({ status: 404 });
  });
});
