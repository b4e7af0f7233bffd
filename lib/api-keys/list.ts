import 'server-only';
import { getDb } from '../db';
import { requireHuman, type Actor } from '../auth/actor';
import { searchTerm } from '../inventory/search-text';
import { parseInput } from '../validation';
import { apiKeyFilterSchema, nhiSearchSchema } from './schemas';

export const API_KEYS_PAGE_SIZE = 50;
const NHI_OPTIONS_LIMIT = 8;

export type ApiKeyStatus = 'ACTIVE' | 'REVOKED' | 'EXPIRED';

function statusOf(key: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiKeyStatus {
  if (key.revokedAt) return 'REVOKED';
  if (key.expiresAt && key.expiresAt <= now) return 'EXPIRED';
  return 'ACTIVE';
}

/** Every key, newest first, with who made it and when it was last used; never its hash. */
export async function listApiKeys(actor: Actor, input: unknown) {
  requireHuman(actor, 'apikey.manage');
  const filter = parseInput(apiKeyFilterSchema, input);
  const db = await getDb();
  const [total, rows] = await Promise.all([
    db.apiKey.count(),
    db.apiKey.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (filter.page - 1) * API_KEYS_PAGE_SIZE,
      take: API_KEYS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        kind: true,
        prefix: true,
        createdAt: true,
        lastUsedAt: true,
        expiresAt: true,
        revokedAt: true,
        nhi: { select: { id: true, name: true } },
        createdBy: { select: { name: true, email: true } },
        revokedBy: { select: { name: true } },
      },
    }),
  ]);
  const now = new Date();
  const keys = rows.map((key) => ({ ...key, status: statusOf(key, now) }));
  return { filter, total, keys, pageSize: API_KEYS_PAGE_SIZE };
}

/** The NHIs an agent key may be made for, matching what someone typed: by name, identifier or system. */
export async function findNhisForKeys(actor: Actor, input: unknown) {
  requireHuman(actor, 'apikey.manage');
  const term = searchTerm(parseInput(nhiSearchSchema, input).q);
  if (!term) return [];
  const db = await getDb();
  return db.nhi.findMany({
    where: { status: { not: 'DECOMMISSIONED' }, OR: [{ searchText: { contains: term } }, { id: term }] },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: NHI_OPTIONS_LIMIT,
    select: { id: true, name: true, kind: true, system: true, environment: true },
  });
}
