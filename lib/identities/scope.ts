import 'server-only';
import { getDb, type Tx } from '../db';
import { can, requireHuman, type Actor, type HumanActor } from '../auth/actor';
import { notFound } from '../errors';

/**
 * Who may change which NHI: SECURITY and ADMIN any; a SPONSOR only those they sponsor. Outside their scope an
 * NHI is simply not found, so a sponsor learns nothing about identities that are not theirs.
 */
export function editorOf(actor: Actor): HumanActor {
  return requireHuman(actor, 'inventory.edit_sponsored');
}

export function nhiScopeFor(actor: HumanActor): { sponsorId?: string } {
  return can(actor, 'inventory.manage') ? {} : { sponsorId: actor.humanId };
}

export async function findEditableNhi(tx: Tx, actor: HumanActor, nhiId: string) {
  const nhi = await tx.nhi.findFirst({ where: { id: nhiId, ...nhiScopeFor(actor) } });
  if (!nhi) throw notFound('That identity');
  return nhi;
}

/** For the edit page: the NHI if this person may edit it, else null (a sponsor never sees others'). */
export async function findNhiForEdit(actor: Actor, nhiId: string) {
  const person = editorOf(actor);
  const db = await getDb();
  return db.nhi.findFirst({ where: { id: nhiId, ...nhiScopeFor(person) } });
}
