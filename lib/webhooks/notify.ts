import 'server-only';
import type { Tx } from '../db';
import { webhookUrl } from './store';

export type ScopeWebhookEvent =
  'scope.requested' | 'scope.approved' | 'scope.denied' | 'scope.revoked' | 'scope.completed';

/**
 * Queues a webhook delivery for a scope event inside the caller's transaction, so the event is sent only if the
 * change that caused it commits. Nothing is queued while no webhook URL is set. Sending happens later, in
 * `deliverDueWebhooks`, never while the transaction is open.
 */
export async function notifyScopeWebhook(
  tx: Tx,
  event: ScopeWebhookEvent,
  payload: Record<string, unknown>,
): Promise<void> {
  const url = await webhookUrl(tx);
  if (!url) return;
  await tx.webhookDelivery.create({
    data: { event, payload: JSON.stringify(payload), url, nextAttemptAt: new Date() },
    select: { id: true },
  });
}
