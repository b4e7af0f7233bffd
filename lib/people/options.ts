import 'server-only';
import { getDb } from '../db';
import { requireHuman, type Actor } from '../auth/actor';

/** Active people to choose a sponsor or a credential's subject from, by name. */
export async function activePeopleOptions(actor: Actor) {
  requireHuman(actor, 'inventory.read');
  const db = await getDb();
  const people = await db.human.findMany({
    where: { status: 'ACTIVE' },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, email: true },
  });
  return people.map((person) => ({ id: person.id, label: `${person.name} · ${person.email}` }));
}
