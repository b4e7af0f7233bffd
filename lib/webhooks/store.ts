import 'server-only';
import type { Db, Tx } from '../db';

export const WEBHOOK_URL_KEY = 'webhook.url';
export const WEBHOOK_SECRET_KEY = 'webhook.secret';

async function setting(db: Db | Tx, key: string): Promise<string | null> {
  const row = await db.setting.findUnique({ where: { key }, select: { value: true } });
  return row?.value ?? null;
}

export function webhookUrl(db: Db | Tx): Promise<string | null> {
  return setting(db, WEBHOOK_URL_KEY);
}

export function webhookSecret(db: Db | Tx): Promise<string | null> {
  return setting(db, WEBHOOK_SECRET_KEY);
}
