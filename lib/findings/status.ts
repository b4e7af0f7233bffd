import 'server-only';
import { transaction, type Tx } from '../db';
import { appendAuditEvent } from '../audit/append';
import { AUDIT_ACTIONS } from '../audit/actions';
import { humanPrincipal, requireHuman, type Actor, type HumanActor } from '../auth/actor';
import { conflict, notFound } from '../errors';
import { refreshNhiStats } from '../inventory/stats';
import { parseInput } from '../validation';
import { acceptFindingSchema, reopenFindingSchema } from './schemas';

/** Security accepts a risk for a while, with a reason, or reopens it; recomputation reopens it when the time is up. */

function audit(
  tx: Tx,
  actor: HumanActor,
  action: string,
  finding: { id: string; type: string },
  details: Record<string, unknown>,
) {
  return appendAuditEvent(tx, {
    action,
    attribution: 'HUMAN',
    initiator: humanPrincipal(actor),
    executor: humanPrincipal(actor),
    resource: `finding:${finding.id}`,
    details: { type: finding.type, ...details },
  });
}

export async function acceptFinding(actor: Actor, input: unknown) {
  const person = requireHuman(actor, 'inventory.manage');
  const { findingId, reason, days } = parseInput(acceptFindingSchema, input);
  return transaction(async (tx) => {
    const finding = await tx.finding.findUnique({ where: { id: findingId } });
    if (!finding) throw notFound('That finding');
    if (finding.status !== 'OPEN') throw conflict('Only an open finding can be accepted.');
    const acceptedUntil = new Date(Date.now() + days * 86_400_000);
    const updated = await tx.finding.update({
      where: { id: findingId },
      data: { status: 'ACCEPTED', acceptedReason: reason, acceptedUntil, acceptedById: person.humanId },
    });
    if (finding.nhiId) await refreshNhiStats(tx, [finding.nhiId]);
    await audit(tx, person, AUDIT_ACTIONS.findingAccepted, finding, {
      reason,
      acceptedUntil: acceptedUntil.toISOString(),
    });
    return updated;
  });
}

export async function reopenFinding(actor: Actor, input: unknown) {
  const person = requireHuman(actor, 'inventory.manage');
  const { findingId } = parseInput(reopenFindingSchema, input);
  return transaction(async (tx) => {
    const finding = await tx.finding.findUnique({ where: { id: findingId } });
    if (!finding) throw notFound('That finding');
    if (finding.status !== 'ACCEPTED') throw conflict('Only an accepted finding can be reopened.');
    const updated = await tx.finding.update({
      where: { id: findingId },
      data: { status: 'OPEN', acceptedReason: null, acceptedUntil: null, acceptedById: null },
    });
    if (finding.nhiId) await refreshNhiStats(tx, [finding.nhiId]);
    await audit(tx, person, AUDIT_ACTIONS.findingReopened, finding, {});
    return updated;
  });
}
