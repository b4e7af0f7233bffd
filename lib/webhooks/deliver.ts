import 'server-only';
import { getDb, transaction } from '../db';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature';
import { webhookSecret } from './store';

/**
 * Sends queued webhook deliveries: a JSON POST `{"id","event","occurredAt","data"}`, signed (see signature.ts),
 * with the delivery id in `Steward-Delivery` so a receiver can drop a repeat. A delivery that is not answered
 * with a 2xx within the timeout is tried again after 30 s, 2 min, 10 min, 1 h and 6 h, then marked FAILED.
 * No transaction is held open while a receiver is being called.
 */

export const RETRY_DELAYS_SECONDS = [30, 120, 600, 3600, 21_600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
const DELIVERY_TIMEOUT_MS = 5_000;

/** A claimed delivery is left alone by other workers (other instances, or the next tick) for this long. */
const CLAIM_MS = 60_000;
const BATCH_SIZE = 20;
const INTERVAL_MS = 5_000;
const MAX_ERROR_LENGTH = 300;

type Due = { id: string; event: string; payload: string; url: string; attempts: number; createdAt: Date };
type Outcome = { ok: boolean; status: number | null; error: string | null };

function webhookBody(delivery: Pick<Due, 'id' | 'event' | 'payload' | 'createdAt'>): string {
  return JSON.stringify({
    id: delivery.id,
    event: delivery.event,
    occurredAt: delivery.createdAt.toISOString(),
    data: JSON.parse(delivery.payload) as unknown,
  });
}

function describeFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `No answer within ${DELIVERY_TIMEOUT_MS / 1000} s.`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return `Could not reach the receiver (${cause.code}).`;
  const message = error instanceof Error ? (typeof cause?.message === 'string' ? cause.message : error.message) : '';
  return `Could not reach the receiver${message ? `: ${message}` : '.'}`.slice(0, MAX_ERROR_LENGTH);
}

async function send(delivery: Due, secret: string): Promise<Outcome> {
  const body = webhookBody(delivery);
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Steward-Webhook/1',
        [SIGNATURE_HEADER]: signatureHeader(secret, Math.floor(Date.now() / 1000), body),
        [DELIVERY_HEADER]: delivery.id,
        [EVENT_HEADER]: delivery.event,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, error: null };
    const text = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    return { ok: false, status: response.status, error: `The receiver answered ${text}.`.slice(0, MAX_ERROR_LENGTH) };
  } catch (error) {
    return { ok: false, status: null, error: describeFailure(error) };
  }
}

/** When the next attempt is due after `attempts` failed ones, or null when the delivery has failed for good. */
function nextAttemptAfter(attempts: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_SECONDS[attempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay * 1000);
}

async function claimDue(now: Date): Promise<Due[]> {
  const db = await getDb();
  const due = await db.webhookDelivery.findMany({
    where: { status: 'PENDING', nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: 'asc' },
    take: BATCH_SIZE,
    select: { id: true, event: true, payload: true, url: true, attempts: true, createdAt: true, nextAttemptAt: true },
  });
  if (due.length === 0) return [];
  const leaseUntil = claimedUntil(now);
  return transaction(async (tx) => {
    const claimed: Due[] = [];
    for (const { nextAttemptAt, ...delivery } of due) {
      const { count } = await tx.webhookDelivery.updateMany({
        where: { id: delivery.id, status: 'PENDING', nextAttemptAt },
        data: { nextAttemptAt: leaseUntil },
      });
      if (count === 1) claimed.push(delivery);
    }
    return claimed;
  });
}

async function record(delivery: Due, outcome: Outcome, now: Date): Promise<'delivered' | 'retrying' | 'failed'> {
  const attempts = delivery.attempts + 1;
  const next = outcome.ok ? null : nextAttemptAfter(attempts, now);
  const status = outcome.ok ? 'DELIVERED' : next ? 'PENDING' : 'FAILED';
  await transaction((tx) =>
    // Only a delivery still pending: one failed meanwhile (the webhook was removed) stays as it is.
    tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: 'PENDING' },
      data: {
        status,
        attempts,
        lastStatus: outcome.status,
        lastError: outcome.error,
        nextAttemptAt: next,
        deliveredAt: outcome.ok ? now : null,
      },
    }),
  );
  return outcome.ok ? 'delivered' : next ? 'retrying' : 'failed';
}

export type DeliveryRun = { delivered: number; retrying: number; failed: number };

async function sendAndRecord(deliveries: Due[], now: Date): Promise<DeliveryRun> {
  const run: DeliveryRun = { delivered: 0, retrying: 0, failed: 0 };
  if (deliveries.length === 0) return run;
  const secret = await webhookSecret(await getDb());
  const outcomes = await Promise.all(
    deliveries.map(async (delivery) =>
      record(
        delivery,
        secret ? await send(delivery, secret) : { ok: false, status: null, error: 'No signing secret is set.' },
        now,
      ),
    ),
  );
  for (const outcome of outcomes) run[outcome] += 1;
  return run;
}

/** Sends every delivery due at `now` (at most one batch) and records each outcome. */
export async function deliverDueWebhooks(now: Date = new Date()): Promise<DeliveryRun> {
  return sendAndRecord(await claimDue(now), now);
}

/** For a delivery queued already claimed (`nextAttemptAt` = this), so that its caller sends it, not the worker. */
export function claimedUntil(now: Date): Date {
  return new Date(now.getTime() + CLAIM_MS);
}

/** Sends one delivery its caller queued claimed, now, and records the outcome like any other attempt. */
export async function deliverClaimed(id: string, now: Date = new Date()): Promise<void> {
  const db = await getDb();
  const delivery = await db.webhookDelivery.findFirst({
    where: { id, status: 'PENDING' },
    select: { id: true, event: true, payload: true, url: true, attempts: true, createdAt: true },
  });
  if (delivery) await sendAndRecord([delivery], now);
}

const globalForWebhooks = globalThis as unknown as { stewardWebhookTimer?: NodeJS.Timeout };

/** Starts sending queued deliveries every few seconds in this process; calling it again does nothing. */
export function startWebhookDelivery(): void {
  if (globalForWebhooks.stewardWebhookTimer) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueWebhooks()
      .catch((error: unknown) => console.error('Sending webhook deliveries failed', error))
      .finally(() => {
        running = false;
      });
  }, INTERVAL_MS);
  timer.unref();
  globalForWebhooks.stewardWebhookTimer = timer;
}
