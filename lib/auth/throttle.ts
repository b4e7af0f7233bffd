import 'server-only';
import type { Db, Tx } from '../db';
import { UNKNOWN_ADDRESS } from './client-address';

const MINUTE_MS = 60_000;

/**
 * Failed password sign-ins are counted per (email, client address), per client address, and per email, so
 * that someone guessing from elsewhere cannot lock the real person out:
 * - `emailAtAddress`: 5 failures for one email from one address within 15 minutes lock that pair for 15
 *   minutes; the person can still sign in from anywhere else.
 * - `address`: 20 failures from one address within 15 minutes, whatever the emails, lock that address for 15
 *   minutes, which slows one address spraying a password over many accounts.
 * - `email`: 50 failures for one email within 15 minutes, from any number of addresses, lock that email for
 *   15 minutes, except from addresses where it signed in successfully within {@link KNOWN_ADDRESS_MS}: a
 *   guesser spread over many addresses is stopped, and the person keeps signing in from where they usually do.
 */
export const THROTTLE_POLICIES = {
  emailAtAddress: { maxFailures: 5, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS },
  address: { maxFailures: 20, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS },
  email: { maxFailures: 50, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS },
} as const;

export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * MINUTE_MS;

export type ThrottleScope = keyof typeof THROTTLE_POLICIES;
export type ThrottleBucket = { scope: ThrottleScope; key: string };
export type ThrottleState = { locked: false } | { locked: true; retryAfterSeconds: number };
export type LockStarted = { scope: ThrottleScope; lockedUntil: Date };

/** The counters one attempt touches, and the row that remembers a successful sign-in from the address. */
export type SignInThrottleKeys = {
  buckets: ThrottleBucket[];
  /** Null for the shared bucket of malformed addresses: whoever forges a header could claim it. */
  knownAddress: string | null;
};

export function throttleKeys(email: string, address: string): SignInThrottleKeys {
  const pair = JSON.stringify([email, address]);
  return {
    buckets: [
      { scope: 'emailAtAddress', key: `email-at-address:${pair}` },
      { scope: 'address', key: `address:${address}` },
      { scope: 'email', key: `email:${email}` },
    ],
    knownAddress: address === UNKNOWN_ADDRESS ? null : `known-address:${pair}`,
  };
}

/** Locked while any bucket is; reads only, so an attempt refused during a lock writes nothing. */
export async function readThrottle(db: Tx | Db, keys: SignInThrottleKeys, now: Date): Promise<ThrottleState> {
  const known = keys.knownAddress ? [keys.knownAddress] : [];
  const rows = await db.signInThrottle.findMany({
    where: { key: { in: [...keys.buckets.map((bucket) => bucket.key), ...known] } },
  });
  const fromKnownAddress = rows.some(
    (row) => row.key === keys.knownAddress && now.getTime() - row.windowStartsAt.getTime() < KNOWN_ADDRESS_MS,
  );
  const scopeOf = new Map(keys.buckets.map((bucket) => [bucket.key, bucket.scope]));
  const locks = rows.filter((row) => {
    const scope = scopeOf.get(row.key);
    return scope && !(scope === 'email' && fromKnownAddress) && row.lockedUntil && row.lockedUntil > now;
  });
  const until = Math.max(0, ...locks.map((row) => row.lockedUntil?.getTime() ?? 0));
  if (until === 0) return { locked: false };
  return { locked: true, retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) };
}

async function countFailure(tx: Tx, bucket: ThrottleBucket, now: Date): Promise<Date | null> {
  const policy = THROTTLE_POLICIES[bucket.scope];
  const row = await tx.signInThrottle.findUnique({ where: { key: bucket.key } });
  if (row?.lockedUntil && row.lockedUntil > now) return null;
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
 * Counts a failure in every bucket not already locked and returns the locks it started. The caller must hold
 * the audit chain's lock (append its event first): that serializes these read-then-write updates across
 * Steward instances.
 */
export async function recordFailure(tx: Tx, keys: SignInThrottleKeys, now: Date): Promise<LockStarted[]> {
  const started: LockStarted[] = [];
  for (const bucket of keys.buckets) {
    const lockedUntil = await countFailure(tx, bucket, now);
    if (lockedUntil) started.push({ scope: bucket.scope, lockedUntil });
  }
  return started;
}

/** A success forgets the failures of this email at this address, and remembers the address as known. */
export async function rememberSuccessfulSignIn(tx: Tx, keys: SignInThrottleKeys, now: Date): Promise<void> {
  await tx.signInThrottle.deleteMany({ where: { key: keys.buckets[0].key } });
  if (!keys.knownAddress) return;
  const known = { failures: 0, windowStartsAt: now, lockedUntil: null };
  await tx.signInThrottle.upsert({
    where: { key: keys.knownAddress },
    create: { key: keys.knownAddress, ...known },
    update: known,
  });
}
