import 'server-only';
import { z } from 'zod';
import { getDb } from '../db';
import { requireHuman, type Actor } from '../auth/actor';
import { getCurrentActor } from '../auth/session';
import { AppError } from '../errors';
import { parseInput } from '../validation';
import { searchTerm } from './search-text';

/** Suggestions for the searchable pickers of the inventory forms: a handful of matches, never a whole table. */

const SUGGESTION_LIMIT = 8;
const querySchema = z.object({ q: z.string().trim().max(200) });

export type Suggestion = { id: string; label: string; detail: string };

/** NHIs to name as a credential's subject or holder (an exact id matches too), for those who manage the inventory. */
export async function suggestNhis(actor: Actor, input: unknown): Promise<Suggestion[]> {
  requireHuman(actor, 'inventory.manage');
  const term = searchTerm(parseInput(querySchema, input).q);
  if (!term) return [];
  const db = await getDb();
  const nhis = await db.nhi.findMany({
    where: { status: { not: 'DECOMMISSIONED' }, OR: [{ searchText: { contains: term } }, { id: term }] },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: SUGGESTION_LIMIT,
    select: { id: true, name: true, system: true, environment: true },
  });
  return nhis.map((nhi) => ({ id: nhi.id, label: nhi.name, detail: `${nhi.system} · ${nhi.environment} · ${nhi.id}` }));
}

/** Active people to name as a credential's subject or an NHI's co-owner; sponsors pick co-owners too. */
export async function suggestPeople(actor: Actor, input: unknown): Promise<Suggestion[]> {
  requireHuman(actor, 'inventory.edit_sponsored');
  const term = searchTerm(parseInput(querySchema, input).q);
  if (!term) return [];
  const db = await getDb();
  const people = await db.human.findMany({
    // People added before search text was stored have an empty one: their email still matches.
    where: { status: 'ACTIVE', OR: [{ searchText: { contains: term } }, { email: { contains: term } }] },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: SUGGESTION_LIMIT,
    select: { id: true, name: true, email: true },
  });
  return people.map((person) => ({ id: person.id, label: person.name, detail: person.email }));
}

/**
 * Suggestions for the signed-in person, for a picker's server action. A refusal or a session that ended reads as
 * no suggestions: the form's own action checks again when it is submitted.
 */
export async function suggestionsForCurrentPerson(
  suggest: (actor: Actor, input: unknown) => Promise<Suggestion[]>,
  query: string,
): Promise<Suggestion[]> {
  const actor = await getCurrentActor();
  if (!actor) return [];
  try {
    return await suggest(actor, { q: query });
  } catch (error) {
    if (error instanceof AppError) return [];
    throw error;
  }
}
