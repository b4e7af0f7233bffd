import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import { acceptFinding, reopenFinding } from '../../lib/findings/status';
import { recomputeFindings } from '../../lib/findings/recompute';
import { createPerson } from '../support/people';

describe('accepting a finding', () => {
  it('takes a reason and an end date, is audited, leaves the open count, and reopens when the acceptance runs out', async () => {
    const security = await createPerson('SECURITY');
    const auditor = await createPerson('AUDITOR');
    const db = await getDb();
    const nhi = await db.nhi.create({
      data: { name: 'legacy-batch', kind: 'SERVICE_ACCOUNT', system: 'internal', externalId: 'legacy-batch' },
    });
    await recomputeFindings(db, { nhiIds: [nhi.id] });
    const finding = await db.finding.findFirstOrThrow({ where: { nhiId: nhi.id, type: 'ORPHANED' } });

    await expect(
      acceptFinding(auditor, { findingId: finding.id, reason: 'owner team being hired', days: 30 }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(acceptFinding(security, { findingId: finding.id, reason: 'short', days: 30 })).rejects.toMatchObject({
      status: 422,
    });
    await expect(
      acceptFinding(security, { findingId: finding.id, reason: 'owner team being hired', days: 400 }),
    ).rejects.toMatchObject({ status: 422 });

    const accepted = await acceptFinding(security, {
      findingId: finding.id,
      reason: 'owner team being hired',
      days: 30,
    });
    expect(accepted).toMatchObject({
      status: 'ACCEPTED',
      acceptedById: security.humanId,
      acceptedReason: 'owner team being hired',
    });
    expect(await db.nhi.findUniqueOrThrow({ where: { id: nhi.id } })).toMatchObject({ openFindingCount: 0 });
    expect(await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } })).toMatchObject({
      action: 'finding.accept',
      resource: `finding:${finding.id}`,
    });

    await recomputeFindings(db, { nhiIds: [nhi.id] });
    expect((await db.finding.findUniqueOrThrow({ where: { id: finding.id } })).status).toBe('ACCEPTED');
    await recomputeFindings(db, { nhiIds: [nhi.id] }, new Date(Date.now() + 31 * 86_400_000));
    expect((await db.finding.findUniqueOrThrow({ where: { id: finding.id } })).status).toBe('OPEN');

    await acceptFinding(security, { findingId: finding.id, reason: 'owner team being hired', days: 10 });
    expect((await reopenFinding(security, { findingId: finding.id })).status).toBe('OPEN');
    await expect(reopenFinding(security, { findingId: finding.id })).rejects.toMatchObject({ status: 409 });
  });
});
