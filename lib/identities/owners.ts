import 'server-only';
import { getDb } from '../db';
import { requireHuman, type Actor } from '../auth/actor';
import { nhiScope } from '../auth/ownership';

/** The co-owners of an NHI this person may edit, for the co-owners editor; empty when it is out of their reach. */
export async function listNhiOwners(actor: Actor, nhiId: string) {
  const person = requireHuman(actor, 'inventory.edit_sponsored');
  const db = await getDb();
  const owners = await db.nhiOwner.findMany({
    where: { nhiId, nhi: nhiScope(person, 'editNhis') },
    orderBy: { addedAt: 'asc' },
    select: { human: { select: { id: true, name: true, email: true } } },
  });
  return owners.map(({ human }) => ({ id: human.id, label: human.name, detail: human.email }));
}
