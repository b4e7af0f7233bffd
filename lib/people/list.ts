import 'server-only';
import { getDb } from '../db';
import { requireHuman, type Actor } from '../auth/actor';
import { parseInput } from '../validation';
import { accountFilterSchema } from './schemas';

export const ACCOUNTS_PAGE_SIZE = 25;

/** People who hold a dashboard role, searchable by name or email, newest first. */
export async function listAccounts(actor: Actor, input: unknown) {
  requireHuman(actor, 'people.manage_access');
  const filter = parseInput(accountFilterSchema, input);
  const where = {
    role: { not: null },
    ...(filter.q ? { OR: [{ name: { contains: filter.q } }, { email: { contains: filter.q.toLowerCase() } }] } : {}),
    ...(filter.access === 'enabled' ? { signInDisabledAt: null } : {}),
    ...(filter.access === 'disabled' ? { signInDisabledAt: { not: null } } : {}),
  };
  const db = await getDb();
  const [total, accounts] = await Promise.all([
    db.human.count({ where }),
    db.human.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
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
