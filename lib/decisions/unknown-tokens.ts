import 'server-only';
import type { Tx } from '../db';
import { addressBucket } from '../auth/client-address';

/**
 * Requests with a task token Steward never issued come from a caller who holds no valid token: they must not
 * grow the chain at will. Per client address (an IPv6 /64 counts as one) and minute, the first is recorded
 * and the rest only counted; past the limit the address is answered 429 until the minute ends.
 */

export const UNKNOWN_TOKEN_LIMIT_PER_MINUTE = 60;
const MINUTE_MS = 60_000;

export type UnknownVerdict =
  | { rateLimited: true }
  | { rateLimited: false; clientKey: string; record: true; deniedEarlier: number }
  | { rateLimited: false; clientKey: string; record: false; eventSeq: string | null };

export type UnknownTokenVerdict = {
  /** The verdict for the next unknown-token request from this address, in the batch's order. */
  next(address: string): UnknownVerdict;
  /** Saves the counts, and the seq of the event recorded for each window that got one in this batch. */
  remember(recorded: { clientKey: string; eventSeq: number }[]): Promise<void>;
};

type Window = { count: number; eventSeq: number | null; recordedNow: boolean; added: number };

export async function countUnknownTokens(tx: Tx, addresses: string[], now: Date): Promise<UnknownTokenVerdict> {
  const windowStart = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
  const previousStart = new Date(windowStart.getTime() - MINUTE_MS);
  const keys = [...new Set(addresses.map(addressBucket))];
  const rows =
    keys.length === 0
      ? []
      : await tx.unknownTokenWindow.findMany({
          where: { clientKey: { in: keys }, windowStart: { in: [windowStart, previousStart] } },
        });
  const current = new Map<string, Window>();
  const previousCount = new Map<string, number>();
  for (const row of rows) {
    if (row.windowStart.getTime() === windowStart.getTime())
      current.set(row.clientKey, { count: row.count, eventSeq: row.eventSeq, recordedNow: false, added: 0 });
    else previousCount.set(row.clientKey, row.count);
  }
  return {
    next(address) {
      const clientKey = addressBucket(address);
      const window = current.get(clientKey) ?? { count: 0, eventSeq: null, recordedNow: false, added: 0 };
      current.set(clientKey, window);
      if (window.count >= UNKNOWN_TOKEN_LIMIT_PER_MINUTE) return { rateLimited: true };
      window.count += 1;
      window.added += 1;
      if (window.eventSeq !== null || window.recordedNow)
        return { rateLimited: false, clientKey, record: false, eventSeq: window.eventSeq?.toString() ?? null };
      window.recordedNow = true;
      return {
        rateLimited: false,
        clientKey,
        record: true,
        deniedEarlier: Math.max(0, (previousCount.get(clientKey) ?? 1) - 1),
      };
    },
    async remember(recorded) {
      if (![...current.values()].some((window) => window.added > 0)) return;
      const seqs = new Map(recorded.map((entry) => [entry.clientKey, entry.eventSeq]));
      for (const [clientKey, window] of current) {
        if (window.added === 0) continue;
        const eventSeq = seqs.get(clientKey);
        await tx.unknownTokenWindow.upsert({
          where: { clientKey_windowStart: { clientKey, windowStart } },
          create: { clientKey, windowStart, count: window.added, eventSeq: eventSeq ?? null },
          update: { count: { increment: window.added }, ...(eventSeq === undefined ? {} : { eventSeq }) },
        });
      }
      await tx.unknownTokenWindow.deleteMany({ where: { windowStart: { lt: previousStart } } });
    },
  };
}
