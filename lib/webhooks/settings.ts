import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { getDb, type Tx } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import { requireHuman, type Actor } from '../auth/actor';
import { conflict } from '../errors';
import { personUseCase } from '../use-case';
import { claimedUntil, deliverClaimed } from './deliver';
import { webhookSettingsSchema } from './schemas';
import { WEBHOOK_SECRET_KEY, WEBHOOK_URL_KEY, webhookSecret, webhookUrl } from './store';

/**
 * The webhook lives in the settings table: its URL and the secret its deliveries are signed with. Unlike an
 * API key the secret cannot be stored as a hash, since Steward signs with it; it still leaves Steward once,
 * in the answer to the change that generated it, and never reaches the audit trail.
 */

const TEST_EVENT = 'webhook.test';

const RECENT_DELIVERIES = 30;

const deliverySelect = {
  id: true,
  event: true,
  url: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  lastStatus: true,
  createdAt: true,
  deliveredAt: true,
} as const;

function generateSecret(): string {
  return `stw_whsec_${randomBytes(32).toString('base64url')}`;
}

async function putSetting(tx: Tx, key: string, value: string): Promise<void> {
  await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/**
 * Sets, changes or removes the webhook URL, generating a signing secret when there is none yet or when asked
 * to rotate it. Deliveries still waiting follow the URL: to the new one when it changes, none when it is
 * removed. The new secret, if any, is in the answer and nowhere else.
 */
export const updateWebhookSettings = personUseCase({
  permission: 'settings.manage',
  input: webhookSettingsSchema,
  run: async ({ tx, audit }, { url, rotateSecret }) => {
    const [currentUrl, currentSecret] = await Promise.all([webhookUrl(tx), webhookSecret(tx)]);
    const newSecret = url !== null && (rotateSecret || currentSecret === null) ? generateSecret() : null;
    if (url === currentUrl && newSecret === null) return { url, secret: null, changed: false };

    if (url === null) {
      await tx.setting.deleteMany({ where: { key: WEBHOOK_URL_KEY } });
      await tx.webhookDelivery.updateMany({
        where: { status: 'PENDING' },
        data: {
          status: 'FAILED',
          nextAttemptAt: null,
          lastError: 'The webhook was removed before this was delivered.',
        },
      });
    } else if (url !== currentUrl) {
      await putSetting(tx, WEBHOOK_URL_KEY, url);
      await tx.webhookDelivery.updateMany({ where: { status: 'PENDING' }, data: { url } });
    }
    if (newSecret) await putSetting(tx, WEBHOOK_SECRET_KEY, newSecret);
    audit(AUDIT_ACTIONS.webhookUpdated, 'settings:webhook', { url, secretRotated: newSecret !== null });
    return { url, secret: newSecret, changed: true };
  },
});

/**
 * Sends a test event to the webhook now and answers how its first attempt went. It is queued already claimed,
 * so that this request makes the first attempt rather than the worker; it is signed, and retried if it fails,
 * like any other delivery.
 */
const queueTestEvent = personUseCase({
  permission: 'settings.manage',
  input: z.object({}),
  run: async ({ tx, actor, audit }) => {
    const url = await webhookUrl(tx);
    if (!url) throw conflict('Set a webhook URL first.');
    const data = { message: 'A test event from Steward.', requestedBy: actor.email };
    const delivery = await tx.webhookDelivery.create({
      data: { event: TEST_EVENT, payload: JSON.stringify(data), url, nextAttemptAt: claimedUntil(new Date()) },
      select: { id: true },
    });
    audit(AUDIT_ACTIONS.webhookTested, `webhook_delivery:${delivery.id}`, { url, deliveryId: delivery.id });
    return delivery;
  },
});

export async function sendTestEvent(actor: Actor) {
  const { id } = await queueTestEvent(actor, {});
  await deliverClaimed(id);
  const db = await getDb();
  return db.webhookDelivery.findUniqueOrThrow({ where: { id }, select: deliverySelect });
}

/** What the Webhook settings page shows: the URL, when the secret was made, recent deliveries and failures. */
export async function webhookOverview(actor: Actor) {
  requireHuman(actor, 'settings.manage');
  const db = await getDb();
  const [url, secret, deliveries, pending, failed] = await Promise.all([
    webhookUrl(db),
    db.setting.findUnique({ where: { key: WEBHOOK_SECRET_KEY }, select: { updatedAt: true } }),
    db.webhookDelivery.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: RECENT_DELIVERIES,
      select: deliverySelect,
    }),
    db.webhookDelivery.count({ where: { status: 'PENDING' } }),
    db.webhookDelivery.count({ where: { status: 'FAILED' } }),
  ]);
  return { url, secretCreatedAt: secret?.updatedAt ?? null, deliveries, counts: { pending, failed } };
}

type WebhookOverview = Awaited<ReturnType<typeof webhookOverview>>;
export type WebhookDeliveryRow = WebhookOverview['deliveries'][number];
