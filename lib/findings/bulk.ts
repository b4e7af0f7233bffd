import 'server-only';
import type { Tx } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import type { HumanActor } from '../auth/actor';
import { nhiScope, reachesOnlySponsored } from '../auth/ownership';
import { AUDIT_ACTIONS } from '../audit/actions';
import { AppError, conflict } from '../errors';
import { refreshNhiStats } from '../inventory/stats';
import { personUseCase } from '../use-case';
import { acceptFindingsSchema } from './bulk-schemas';

/** A selected finding that can no longer be accepted, named so the person knows which one. */
export type UnavailableFinding = { id: string; title: string | null; status: string | null };

function editScope(actor: HumanActor): Prisma.FindingWhereInput {
  return reachesOnlySponsored(actor, 'editNhis') ? { nhi: nhiScope(actor, 'editNhis') } : {};
}

function noLongerOpen(unavailable: UnavailableFinding[]): AppError {
  const names = unavailable.map((finding) => finding.title ?? 'a finding that no longer exists');
  return new AppError(
    'FINDINGS_NOT_OPEN',
    `Nothing was accepted: ${unavailable.length === 1 ? 'one selected finding is' : `${unavailable.length} selected findings are`} no longer open (${names.join('; ')}). Reload the list and select again.`,
    409,
    { unavailable },
  );
}

async function unavailableAmong(tx: Tx, ids: string[], scope: Prisma.FindingWhereInput) {
  const found = await tx.finding.findMany({
    where: { AND: [scope, { id: { in: ids } }] },
    select: { id: true, type: true, title: true, status: true, nhiId: true },
  });
  const byId = new Map(found.map((finding) => [finding.id, finding]));
  const unavailable: UnavailableFinding[] = ids
    .map((id) => byId.get(id) ?? { id, title: null, status: null })
    .filter((finding) => finding.status !== 'OPEN')
    .map(({ id, title, status }) => ({ id, title, status }));
  return { found, unavailable };
}

/**
 * Security accepts several open findings at once, with one reason and one end: all of them in one transaction,
 * each with its own audit event, or none when any of them is no longer open (someone accepted it meanwhile, or
 * it was resolved), so a person never accepts a risk they did not see.
 */
export const acceptFindings = personUseCase({
  permission: 'inventory.manage',
  input: acceptFindingsSchema,
  run: async ({ tx, actor, audit }, { findingIds, reason, days }) => {
    const scope = editScope(actor);
    const { found, unavailable } = await unavailableAmong(tx, findingIds, scope);
    if (unavailable.length > 0) throw noLongerOpen(unavailable);
    const acceptedUntil = new Date(Date.now() + days * 86_400_000);
    const { count } = await tx.finding.updateMany({
      where: { AND: [scope, { id: { in: findingIds }, status: 'OPEN' }] },
      data: { status: 'ACCEPTED', acceptedReason: reason, acceptedUntil, acceptedById: actor.humanId },
    });
    if (count !== findingIds.length)
      throw conflict('Some selected findings changed at the same moment. Nothing was accepted: reload and try again.');
    await refreshNhiStats(
      tx,
      found.flatMap((finding) => (finding.nhiId ? [finding.nhiId] : [])),
    );
    for (const finding of found) {
      audit(AUDIT_ACTIONS.findingAccepted, `finding:${finding.id}`, {
        type: finding.type,
        reason,
        acceptedUntil: acceptedUntil.toISOString(),
      });
    }
    return { accepted: count, acceptedUntil };
  },
});
