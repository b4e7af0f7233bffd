import 'server-only';
import { getDb } from '../db';
import { requireHuman, type Actor } from '../auth/actor';

const OPTION_LIMIT = 2_000;

/** NHIs to pick as a credential's subject or holder: the most recently seen first, capped for the form. */
export async function nhiOptions(actor: Actor) {
  requireHuman(actor, 'inventory.manage');
  const db = await getDb();
  const nhis = await db.nhi.findMany({
    where: { status: { not: 'DECOMMISSIONED' } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: OPTION_LIMIT,
    select: { id: true, name: true, system: true },
  });
  return nhis.map((nhi) => ({ id: nhi.id, label: `${nhi.name} · ${nhi.system}` }));
}
