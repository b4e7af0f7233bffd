import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Every webhook POST carries `Steward-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`,
 * keyed with the webhook's signing secret. The timestamp is signed too, so a receiver that refuses old
 * timestamps also refuses a captured request replayed later.
 */

export const SIGNATURE_HEADER = 'Steward-Signature';
export const DELIVERY_HEADER = 'Steward-Delivery';
export const EVENT_HEADER = 'Steward-Event';

/** How far a receiver should let a signature's timestamp stray from its own clock. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

function parseHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value = ''] = part.trim().split('=', 2);
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/** What a receiver does: recompute the HMAC over the raw body and compare in constant time, within a window. */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  options: { nowSeconds?: number; toleranceSeconds?: number } = {},
): boolean {
  const parsed = parseHeader(header);
  if (!parsed) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - parsed.timestamp) > (options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(hmac(secret, parsed.timestamp, body), 'hex');
  return parsed.signatures.some((signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected));
}
