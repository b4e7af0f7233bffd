import 'server-only';
import { getDb } from '../db';
import { requireHuman, type Actor } from '../auth/actor';
import { suggestNhis, type Suggestion } from '../inventory/pickers';
import { searchTerm } from '../inventory/search-text';
import { parseInput } from '../validation';
import { targetSearchSchema } from './schemas';

/**
 * Suggestions for the bulk revocation's target picker. People include offboarded ones: the grants an offboarded
 * initiator or sponsor left behind are what a bulk revocation is for.
 */

const SUGGESTION_LIMIT = 8;

export async function suggestRevocationTargets(actor: Actor, input: unknown): Promise<Suggestion[]> {
  requireHuman(actor, 'revocation.bulk');
  const { kind, q } = parseInput(targetSearchSchema, input);
  if (kind === 'nhi') return suggestNhis(actor, { q });
  const term = searchTerm(q);
  if (!term) return [];
  const db = await getDb();
  if (kind === 'system') {
    const systems = await db.nhi.groupBy({
      by: ['system'],
      where: { system: { contains: term } },
      _count: { _all: true },
      orderBy: { system: 'asc' },
      take: SUGGESTION_LIMIT,
    });
    return systems.map(({ system, _count }) => ({
      id: system,
      label: system,
      detail: `${_count._all} ${_count._all === 1 ? 'identity' : 'identities'}`,
    }));
  }
  const people = await db.human.findMany({
    where: {
      OR: [{ searchText: { contains: term } }, { email: { contains: term } }],
      ...(kind === 'sponsor' ? { sponsoredNhis: { some: {} } } : {}),
    },
    orderBy: [{ nameKey: 'asc' }, { id: 'asc' }],
    take: SUGGESTION_LIMIT,
    select: { id: true, name: true, email: true, status: true },
  });
  return people.map((person) => ({
    id: person.id,
    label: person.name,
    detail: person.status === 'OFFBOARDED' ? `${person.email} · offboarded` : person.email,
  }));
}
