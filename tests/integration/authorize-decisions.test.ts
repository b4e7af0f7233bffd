import { describe, expect, it, vi } from 'vitest';
import { getDb } from '../../lib/db';
import { authorize, authorizeMany, type AuthorizeRequest } from '../../lib/decisions/authorize';
import { UNKNOWN_TOKEN_LIMIT_PER_MINUTE } from '../../lib/decisions/unknown-tokens';
import { suspendNhi } from '../../lib/identities/manage';
import * as tokenFacts from '../../lib/policy/token-facts';
import { revokeScope } from '../../lib/scopes/revoke';
import { sweepExpiredScopes } from '../../lib/scopes/expiry';
import { createPerson } from '../support/people';
import { approvedScope } from '../support/scopes';

const READ = { action: 'github:pulls.read', resource: 'github:acme/payments/pulls/7' };

function asking(token: string, overrides: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
  return { token, ...READ, clientAddress: '198.51.100.20', via: 'authorize', ...overrides };
}

describe('runtime decisions against the database', () => {
  it('produces every reason code from the state it reads', async () => {
    const db = await getDb();
    const security = await createPerson('SECURITY');
    const reasons: string[] = [];
    const decideNow = async (token: string, overrides: Partial<AuthorizeRequest> = {}) => {
      const outcome = await authorize(asking(token, overrides));
      reasons.push(outcome.reason);
      return outcome.reason;
    };

    const live = await approvedScope();
    expect(await decideNow(live.token)).toBe('ALLOWED');
    expect(await decideNow(live.token, { action: 'github:pulls.merge' })).toBe('ACTION_NOT_IN_SCOPE');
    expect(await decideNow(live.token, { resource: 'github:acme/billing/pulls/1' })).toBe('RESOURCE_NOT_IN_SCOPE');
    expect(await decideNow('stw_task_unknown-token')).toBe('TOKEN_UNKNOWN');

    const expiring = await approvedScope();
    await db.taskToken.updateMany({
      where: { scopeRequestId: expiring.scopeId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await decideNow(expiring.token)).toBe('TOKEN_EXPIRED');

    const revoked = await approvedScope();
    await revokeScope(revoked.sponsor, { scopeId: revoked.scopeId, reason: 'task cancelled' });
    expect(await decideNow(revoked.token)).toBe('TOKEN_REVOKED');

    const suspended = await approvedScope();
    await suspendNhi(security, { nhiId: suspended.nhi.id, reason: 'unexpected deletes' });
    expect(await decideNow(suspended.token)).toBe('IDENTITY_SUSPENDED');

    const orphaned = await approvedScope();
    await db.human.update({ where: { id: orphaned.sponsor.humanId }, data: { status: 'OFFBOARDED' } });
    expect(await decideNow(orphaned.token)).toBe('SPONSOR_INACTIVE');

    const abandoned = await approvedScope();
    await db.human.update({ where: { id: abandoned.initiator.humanId }, data: { status: 'OFFBOARDED' } });
    expect(await decideNow(abandoned.token)).toBe('INITIATOR_INACTIVE');

    const oneShot = await approvedScope({ maxUses: 1 });
    expect(await decideNow(oneShot.token)).toBe('ALLOWED');
    expect(await decideNow(oneShot.token)).toBe('SCOPE_EXHAUSTED');

    const completed = await approvedScope();
    await db.scopeRequest.update({ where: { id: completed.scopeId }, data: { status: 'COMPLETED' } });
    expect(await decideNow(completed.token)).toBe('SCOPE_NOT_ACTIVE');

    const failing = vi.spyOn(tokenFacts, 'loadTokenRecords').mockRejectedValueOnce(new Error('disk on fire'));
    const errorOutcome = await authorize(asking(live.token));
    failing.mockRestore();
    reasons.push(errorOutcome.reason);
    expect(errorOutcome).toEqual({ decision: 'deny', reason: 'ERROR', eventId: expect.stringMatching(/^\d+$/) });
    const errorEvent = await db.auditEvent.findUniqueOrThrow({ where: { seq: Number(errorOutcome.eventId) } });
    expect(JSON.parse(errorEvent.details)).toMatchObject({ decision: 'deny', reason: 'ERROR' });

    expect(new Set(reasons)).toEqual(
      new Set([
        'ALLOWED',
        'TOKEN_UNKNOWN',
        'TOKEN_EXPIRED',
        'TOKEN_REVOKED',
        'SCOPE_NOT_ACTIVE',
        'ACTION_NOT_IN_SCOPE',
        'RESOURCE_NOT_IN_SCOPE',
        'IDENTITY_SUSPENDED',
        'SPONSOR_INACTIVE',
        'INITIATOR_INACTIVE',
        'SCOPE_EXHAUSTED',
        'ERROR',
      ]),
    );
  });

  it('allows a scope with a use limit exactly that many times, even in a concurrent burst', async () => {
    const { token, scopeId } = await approvedScope({ maxUses: 3 });
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => authorize(asking(token))));
    expect(outcomes.filter((outcome) => outcome.decision === 'allow')).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome.reason === 'SCOPE_EXHAUSTED')).toHaveLength(17);
    const db = await getDb();
    expect((await db.scopeRequest.findUniqueOrThrow({ where: { id: scopeId } })).useCount).toBe(3);
    expect(await db.auditEvent.count({ where: { scopeId, action: 'runtime.authorize' } })).toBe(20);
  });

  it('records no allow after a revocation committed, while a burst is in flight', async () => {
    const { token, scopeId, sponsor } = await approvedScope();
    const burst = Array.from({ length: 150 }, (_, index) =>
      new Promise((resolve) => setTimeout(resolve, index * 2)).then(() => authorize(asking(token))),
    );
    await burst[0];
    await revokeScope(sponsor, { scopeId, reason: 'stop now' });
    const outcomes = await Promise.all(burst);
    const db = await getDb();
    const revocation = await db.auditEvent.findFirstOrThrow({ where: { scopeId, action: 'scope.revoke' } });
    const decisions = await db.auditEvent.findMany({
      where: { scopeId, action: 'runtime.authorize' },
      select: { seq: true, outcome: true },
    });
    expect(decisions).toHaveLength(150);
    const allowsAfter = decisions.filter((event) => event.outcome === 'SUCCESS' && event.seq > revocation.seq);
    expect(allowsAfter).toEqual([]);
    expect(outcomes.some((outcome) => outcome.reason === 'TOKEN_REVOKED')).toBe(true);
    for (const outcome of outcomes) {
      const event = decisions.find((row) => row.seq === Number(outcome.eventId));
      expect(event?.outcome).toBe(outcome.decision === 'allow' ? 'SUCCESS' : 'DENIED');
    }
  });

  it('records unknown-token denials once per address and minute, and answers 429 past the limit', async () => {
    const db = await getDb();
    const address = '192.0.2.77';
    const before = await db.auditEvent.count({
      where: { action: 'runtime.authorize', initiatorLabel: `client ${address}` },
    });
    const requests = Array.from({ length: UNKNOWN_TOKEN_LIMIT_PER_MINUTE }, (_, index) =>
      asking(`stw_task_guess-${index}`, { clientAddress: address }),
    );
    const outcomes = await authorizeMany(requests);
    expect(outcomes.every((outcome) => outcome.reason === 'TOKEN_UNKNOWN')).toBe(true);
    expect(new Set(outcomes.map((outcome) => outcome.eventId)).size).toBe(1);
    const after = await db.auditEvent.count({
      where: { action: 'runtime.authorize', initiatorLabel: `client ${address}` },
    });
    expect(after - before).toBe(1);
    await expect(authorize(asking('stw_task_one-more', { clientAddress: address }))).rejects.toMatchObject({
      status: 429,
    });
    const other = await authorize(asking('stw_task_elsewhere', { clientAddress: '192.0.2.78' }));
    expect(other.reason).toBe('TOKEN_UNKNOWN');
    const { token } = await approvedScope();
    const [allowed, limited] = await authorizeMany([
      asking(token, { clientAddress: address }),
      asking('stw_task_in-a-batch', { clientAddress: address }),
    ]);
    expect(allowed).toMatchObject({ decision: 'allow', eventId: expect.stringMatching(/^\d+$/) });
    expect(limited).toEqual({ decision: 'deny', reason: 'TOKEN_UNKNOWN', rateLimited: true });
  });

  it('sweeps expired scopes and their tokens, audited', async () => {
    const db = await getDb();
    const { scopeId, token } = await approvedScope();
    await db.scopeRequest.update({ where: { id: scopeId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const swept = await sweepExpiredScopes();
    expect(swept.scopes).toBeGreaterThanOrEqual(1);
    const scope = await db.scopeRequest.findUniqueOrThrow({
      where: { id: scopeId },
      include: { taskToken: { include: { credential: true } } },
    });
    expect(scope.status).toBe('EXPIRED');
    expect(scope.taskToken?.credential.status).toBe('EXPIRED');
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'scope.expire' }, orderBy: { seq: 'desc' } });
    expect(JSON.parse(event.details).scopeIds).toContain(scopeId);
    expect((await authorize(asking(token))).reason).toBe('TOKEN_EXPIRED');
  });
});
