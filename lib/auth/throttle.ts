import 'server-only';
import type { Db, Tx } from '../db';

const MINUTE_MS = 60_000;

/**
 * Failed password sign-ins are counted per (email, client address) and per client address, never per email
 * alone, so that someone guessing from elsewhere cannot lock the real person out.
 * - `emailAtAddress`: five failures for one email from one address within 15 minutes lock that pair for 15
 *   minutes; the person can still sign in from anywhere else.
 * - `address`: twenty failures from one address within 15 minutes, whatever the emails, lock that address
 *   for 15 minutes, which slows one address spraying a password over many accounts.
 */
export const THROTTLE_POLICIES = {
  emailAtAddress: { maxFailures: 5, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS },
  address: { maxFailures: 20, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS },
} as const;

export type ThrottleScope = keyof typeof THROTTLE_POLICIES;
export type ThrottleBucket = { scope: ThrottleScope; key: string };
export type ThrottleState = { locked: false } | { locked: true; retryAfterSeconds: number };
export type LockStarted = { scope: ThrottleScope; lockedUntil: Date };

export function throttleBuckets(email: string, address: string): ThrottleBucket[] {
  return [
    { scope: 'emailAtAddress', key: `email-at-address:${JSON.stringify([email, address])}` },
    { scope: 'address', key: `address:${address}` },
  ];
}

/** Locked while any of the buckets is; reads only, so an attempt refused during a lock writes nothing. */
export async function readThrottle(db: Tx | Db, buckets: ThrottleBucket[], now: Date): Promise<ThrottleState> {
  const rows = await db.signInThrottle.findMany({
    where: { key: { in: buckets.map((bucket) => bucket.key) }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((row) => row.lockedUntil?.getTime() ?? 0));
  if (until <= now.getTime()) return { locked: false };
  return { locked: true, retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) };
}

async function countFailure(tx: Tx, bucket: ThrottleBucket, now: Date): Promise<Date | null> {
  const policy = THROTTLE_POLICIES[bucket.scope];
  const row = await tx.signInThrottle.findUnique({ where: { key: bucket.key } });
  const windowOpen = row && now.getTime() - row.windowStartsAt.getTime() < policy.windowMs;
  const failures = windowOpen ? row.failures + 1 : 1;
  const lockedUntil = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null;
  const data = {
    failures: lockedUntil ? 0 : failures,
    windowStartsAt: windowOpen ? row.windowStartsAt : now,
    lockedUntil,
  };
  await tx.signInThrottle.upsert({ where: { key: bucket.key }, create: { key: bucket.key, ...data }, update: data });
  return lockedUntil;
}

/**
 * Counts a failure in every bucket and returns the locks it started. The caller must hold the audit chain's
 * lock (append its event first): that serializes these read-then-write updates across Steward instances.
 */
export async function recordFailure(tx: Tx, buckets: ThrottleBucket[], now: Date): Promise<LockStarted[]> {
  const started: LockStarted[] = [];
  for (const bucket of buckets) {
    const lockedUntil = await countFailure(tx, bucket, now);
    if (lockedUntil) started.push({ scope: bucket.scope, lockedUntil });
  }
  return started;
}

export async function clearThrottle(tx: Tx, bucket: ThrottleBucket): Promise<void> {
  await tx.signInThrottle.deleteMany({ where: { key: bucket.key } });
}
