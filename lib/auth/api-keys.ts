import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { getDb, type Tx } from '../db';
import type { ApiKeyKind, NhiStatus } from '../db/generated/sqlite/enums';
import { AppError } from '../errors';
import type { KeyActor } from './actor';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const LAST_USED_RESOLUTION_MS = 60_000;

/** Keys and task tokens are long random strings, so one SHA-256 is the right hash (no salt, no stretching). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function base62(bytes: Buffer, length: number): string {
  return Array.from(bytes.subarray(0, length), (byte) => BASE62[byte % 62]).join('');
}

/** A new key: `stw_<kind>_<32 base62>`; only its hash and its first 12 characters are stored. */
export function generateApiKey(kind: ApiKeyKind): { secret: string; prefix: string; keyHash: string } {
  const secret = `stw_${kind.toLowerCase()}_${base62(randomBytes(48), 32)}`;
  return { secret, prefix: secret.slice(0, 12), keyHash: hashSecret(secret) };
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** A key as authenticated, with its last use as stored then: `recordKeyUse` needs no further read. */
export type AuthenticatedKey = KeyActor & { lastUsedAt: Date | null };

/**
 * The key behind a bearer secret, if it exists and is neither revoked nor expired. It only reads: a use is
 * recorded by `recordKeyUse` in the transaction of the request the key served.
 */
export async function authenticateApiKey(secret: string): Promise<AuthenticatedKey | null> {
  const db = await getDb();
  const key = await db.apiKey.findUnique({
    where: { keyHash: hashSecret(secret) },
    select: { id: true, kind: true, name: true, nhiId: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
  const now = new Date();
  if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) return null;
  // Most keys belong to no NHI: its status is read only for those that do.
  const nhi = key.nhiId
    ? await db.nhi.findUnique({ where: { id: key.nhiId }, select: { name: true, status: true } })
    : null;
  if (nhi && nhi.status !== 'ACTIVE') throw identityNotActive(nhi);
  return {
    kind: 'key',
    keyId: key.id,
    keyKind: key.kind,
    keyName: key.name,
    nhiId: key.nhiId,
    lastUsedAt: key.lastUsedAt,
  };
}

/** A key of a suspended, decommissioned or not yet triaged NHI: known, but refused until the NHI is active. */
function identityNotActive(nhi: { name: string; status: NhiStatus }): AppError {
  return new AppError(
    'IDENTITY_NOT_ACTIVE',
    `This key belongs to ${nhi.name}, which is ${nhi.status.toLowerCase()}: its keys work only while it is active.`,
    401,
  );
}

/** Whether a use of this key is worth writing: its stored last use is older than the minute it is kept to. */
export function keyUseIsStale(key: KeyActor & { lastUsedAt?: Date | null }, now = new Date()): boolean {
  return !key.lastUsedAt || key.lastUsedAt.getTime() < now.getTime() - LAST_USED_RESOLUTION_MS;
}

/**
 * Notes that a key was used, inside the transaction of the request it served, so a refused request writes
 * nothing. The time is kept to the minute: a key authenticated with a last use within that needs no write.
 */
export async function recordKeyUse(
  tx: Tx,
  key: KeyActor & { lastUsedAt?: Date | null },
  now = new Date(),
): Promise<void> {
  if (!keyUseIsStale(key, now)) return;
  const threshold = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  await tx.apiKey.updateMany({
    where: { id: key.keyId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: threshold } }] },
    data: { lastUsedAt: now },
  });
}
