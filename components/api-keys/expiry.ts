import type { ApiKeyStatus } from '@/lib/api-keys/list';

/** A key this close to its end is flagged in the list, so that whoever owns it makes a new one in time. */
export const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

export function expiresSoon(key: { status: ApiKeyStatus; expiresAt: Date | null }, now = new Date()): boolean {
  return (
    key.status === 'ACTIVE' &&
    key.expiresAt !== null &&
    key.expiresAt.getTime() - now.getTime() <= EXPIRY_WARNING_DAYS * DAY_MS
  );
}
