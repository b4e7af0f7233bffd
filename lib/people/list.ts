import 'server-only';
import { getDb } from '../db';
import { searchTerm } from '../inventory/search-text';
import { requireHuman, type Actor } from '../auth/actor';
import { parseInput } from '../validation';
import { accountFilterSchema } from './schemas';

export const ACCOUNTS_PAGE_SIZE = 25;

/** People who hold a dashboard role, searchable by name or email, newest first. */
export async function listAccounts(actor: Actor, input: unknown) {
  requireHuman(actor, 'people.manage_access');
  const filter = parseInput(accountFilterSchema, input);
  const term = searchTerm(filter.q);
  // Lowercased columns only, so that search ignores case on PostgreSQL as on SQLite. People added before
  // search text was stored have an empty one: their email still matches.
  const where = {
    role: { not: null },
    ...(term ? { OR: [{ searchText: { contains: term } }, { email: { contains: term } }] } : {}),
    ...(filter.access === 'enabled' ? { signInDisabledAt: null } : {}),
    ...(filter.access === 'disabled' ? { signInDisabledAt: { not: null } } : {}),
  };
  const db = await getDb();
  const [total, accounts] = await Promise.all([
    db.human.count({ where }),
    db.human.findMany({
      where,
      orderBy: [{ nameKey: 'asc' }, { id: 'asc' }],
      skip: (filter.page - 1) * ACCOUNTS_PAGE_SIZE,
      take: ACCOUNTS_PAGE_SIZE,
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        status: true,
        signInDisabledAt: true,
        lastSignInAt: true,
      },
    }),
  ]);
  return { filter, total, accounts, pageSize: ACCOUNTS_PAGE_SIZE };
}
