import 'server-only';
import { AUDIT_ACTIONS } from '../audit/actions';
import { conflict, notFound } from '../errors';
import { refreshNhiStats } from '../inventory/stats';
import { personUseCase } from '../use-case';
import { acceptFindingSchema, reopenFindingSchema } from './schemas';

/** Security accepts a risk for a while, with a reason, or reopens it; recomputation reopens it when the time is up. */

export const acceptFinding = personUseCase({
  permission: 'inventory.manage',
  input: acceptFindingSchema,
  run: async ({ tx, actor, audit }, { findingId, reason, days }) => {
    const finding = await tx.finding.findUnique({ where: { id: findingId } });
    if (!finding) throw notFound('That finding');
    if (finding.status !== 'OPEN') throw conflict('Only an open finding can be accepted.');
    const acceptedUntil = new Date(Date.now() + days * 86_400_000);
    const { count } = await tx.finding.updateMany({
      where: { id: findingId, status: 'OPEN' },
      data: { status: 'ACCEPTED', acceptedReason: reason, acceptedUntil, acceptedById: actor.humanId },
    });
    if (count !== 1) throw conflict('This finding changed at the same moment: reload and try again.');
    if (finding.nhiId) await refreshNhiStats(tx, [finding.nhiId]);
    audit(AUDIT_ACTIONS.findingAccepted, `finding:${finding.id}`, {
      type: finding.type,
      reason,
      acceptedUntil: acceptedUntil.toISOString(),
    });
    return tx.finding.findUniqueOrThrow({ where: { id: findingId } });
  },
});

export const reopenFinding = personUseCase({
  permission: 'inventory.manage',
  input: reopenFindingSchema,
  run: async ({ tx, audit }, { findingId }) => {
    const finding = await tx.finding.findUnique({ where: { id: findingId } });
    if (!finding) throw notFound('That finding');
    if (finding.status !== 'ACCEPTED') throw conflict('Only an accepted finding can be reopened.');
    const { count } = await tx.finding.updateMany({
      where: { id: findingId, status: 'ACCEPTED' },
      data: { status: 'OPEN', acceptedReason: null, acceptedUntil: null, acceptedById: null },
    });
    if (count !== 1) throw conflict('This finding changed at the same moment: reload and try again.');
    if (finding.nhiId) await refreshNhiStats(tx, [finding.nhiId]);
    audit(AUDIT_ACTIONS.findingReopened, `finding:${finding.id}`, { type: finding.type });
    return tx.finding.findUniqueOrThrow({ where: { id: findingId } });
  },
});
