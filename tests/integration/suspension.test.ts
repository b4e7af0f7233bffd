import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import { hashSecret } from '../../lib/auth/api-keys';
import { reactivateNhi, suspendNhi } from '../../lib/identities/manage';
import { decide } from '../../lib/policy/decide';
import { loadTokenFacts } from '../../lib/policy/token-facts';
import { createPerson } from '../support/people';

describe('suspending an NHI', () => {
  it('turns every runtime decision for its task token into a deny from that moment, and back on reactivation', async () => {
    const security = await createPerson('SECURITY');
    const sponsor = await createPerson('SPONSOR');
    const db = await getDb();
    const hour = new Date(Date.now() + 3_600_000);
    const nhi = await db.nhi.create({
      data: {
        name: 'triage-agent',
        kind: 'AI_AGENT',
        system: 'internal',
        externalId: 'triage',
        sponsorId: sponsor.humanId,
      },
    });
    const scope = await db.scopeRequest.create({
      data: {
        nhiId: nhi.id,
        task: 'Triage INC-4412',
        justification: 'on call',
        actions: JSON.stringify(['pagerduty:incidents.read']),
        resources: JSON.stringify(['pagerduty:acme/*']),
        requestedTtlSeconds: 3600,
        status: 'APPROVED',
        expiresAt: hour,
        initiatorId: sponsor.humanId,
      },
    });
    const credential = await db.credential.create({
      data: {
        kind: 'TASK_TOKEN',
        name: 'task token',
        system: 'steward',
        fingerprint: 'sha256:task-1',
        subjectNhiId: nhi.id,
        holderNhiId: nhi.id,
        expiresAt: hour,
      },
    });
    await db.taskToken.create({
      data: {
        tokenHash: hashSecret('stw_task_secret'),
        scopeRequestId: scope.id,
        credentialId: credential.id,
        expiresAt: hour,
      },
    });
    const request = { action: 'pagerduty:incidents.read', resource: 'pagerduty:acme/INC-4412' };
    const decideNow = async () => decide(await loadTokenFacts(db, 'stw_task_secret'), request, new Date());

    expect(await decideNow()).toEqual({ decision: 'allow', reason: 'ALLOWED' });
    await suspendNhi(security, { nhiId: nhi.id, reason: 'unexpected deletes' });
    expect(await decideNow()).toEqual({ decision: 'deny', reason: 'IDENTITY_SUSPENDED' });
    await reactivateNhi(security, { nhiId: nhi.id });
    expect(await decideNow()).toEqual({ decision: 'allow', reason: 'ALLOWED' });
    expect(decide(await loadTokenFacts(db, 'stw_task_unknown'), request, new Date())).toEqual({
      decision: 'deny',
      reason: 'TOKEN_UNKNOWN',
    });
  });
});
