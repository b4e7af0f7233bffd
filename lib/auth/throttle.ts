import 'server-only';
import type { Db, Tx } from '../db';

/** Five failed passwords for one email within 15 minutes lock that email out for 15 minutes. */
export const THROTTLE_POLICY = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

export type ThrottleState = { locked: false } | { locked: true; retryAfterSeconds: number };

export function throttleKey(email: string): string {
  return `email:${email}`;
}

export async function readThrottle(tx: Tx | Db, key: string, now: Date): Promise<ThrottleState> {
  const row = await tx.signInThrottle.findUnique({ where: { key } });
  if (!row?.lockedUntil || row.lockedUntil <= now) return { locked: false };
  return { locked: true, retryAfterSeconds: Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000) };
}

/** Counts a failure; returns true when this failure locked the key. */
export async function recordFailure(tx: Tx, key: string, now: Date): Promise<boolean> {
  const row = await tx.signInThrottle.findUnique({ where: { key } });
  const windowOpen = row && now.getTime() - row.windowStartsAt.getTime() < THROTTLE_POLICY.windowMs;
  const failures = windowOpen ? row.failures + 1 : 1;
  const lockedUntil = failures >= THROTTLE_POLICY.maxFailures ? new Date(now.getTime() + THROTTLE_POLICY.lockMs) : null;
  const data = {
    failures: lockedUntil ? 0 : failures,
    windowStartsAt: windowOpen ? row.windowStartsAt : now,
    lockedUntil,
  };
  await tx.signInThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
  return lockedUntil !== null;
}

export async function clearThrottle(tx: Tx, key: string): Promise<void> {
  await tx.signInThrottle.deleteMany({ where: { key } });
}
