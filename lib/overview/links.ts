import 'server-only';
import { getDb } from '../db';
import type { HumanActor } from '../auth/actor';
import { credentialScope } from '../auth/ownership';
import { credentialWhere } from '../credentials/list';
import { credentialFilterSchema } from '../credentials/list-schemas';
import { findingWhere } from '../findings/list';
import { findingFilterSchema } from '../findings/list-schemas';
import { nhiWhere } from '../inventory/list';
import { nhiFilterSchema } from '../inventory/schemas';
import { parseInput } from '../validation';

/**
 * A list of the inventory with its filter set: what an overview figure counts and where its link leads. The
 * count uses that list's own filter schema and conditions (the actor's ownership scope included), so following
 * the link shows the same number.
 */
export type ListLink = { list: keyof typeof LIST_PATHS; params: Record<string, string> };

const LIST_PATHS = {
  nhis: '/inventory',
  credentials: '/inventory/credentials',
  findings: '/inventory/findings',
} as const;

export function hrefOf({ list, params }: ListLink): string {
  const query = new URLSearchParams(params).toString();
  return query ? `${LIST_PATHS[list]}?${query}` : LIST_PATHS[list];
}

const COUNTERS: Record<ListLink['list'], (actor: HumanActor, params: Record<string, string>) => Promise<number>> = {
  nhis: async (actor, params) => {
    const db = await getDb();
    return db.nhi.count({ where: nhiWhere(actor, parseInput(nhiFilterSchema, params)) });
  },
  credentials: async (actor, params) => {
    const db = await getDb();
    const filter = parseInput(credentialFilterSchema, params);
    return db.credential.count({ where: credentialWhere(credentialScope(actor, 'readNhis'), filter) });
  },
  findings: async (actor, params) => {
    const db = await getDb();
    return db.finding.count({ where: findingWhere(actor, parseInput(findingFilterSchema, params)) });
  },
};

/** How many rows the linked list shows the actor. */
export function countList(actor: HumanActor, link: ListLink): Promise<number> {
  return COUNTERS[link.list](actor, link.params);
}
