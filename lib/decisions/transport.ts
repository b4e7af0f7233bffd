import { clientAddress, trustedProxyCount } from '../auth/client-address';

/** What the HTTP request adds to a runtime decision: who sent it, and the trace it belongs to. */
export type Transport = { clientAddress: string; correlationId?: string };

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/** A W3C Trace Context `traceparent` header as sent, when it is a valid one; anything else is ignored. */
export function traceparentOf(header: string | null): string | undefined {
  const value = header?.trim().toLowerCase() ?? '';
  const match = TRACEPARENT.exec(value);
  if (!match) return undefined;
  const [, version, traceId, parentId, , rest] = match;
  if (version === 'ff' || /^0+$/.test(traceId) || /^0+$/.test(parentId)) return undefined;
  if (version === '00' && rest !== undefined) return undefined;
  return value;
}

/** The transport facts of a request to /api/v1/authorize or the AuthZEN endpoints. */
export function transportOf(request: Request): Transport {
  const correlationId = traceparentOf(request.headers.get('traceparent'));
  return {
    clientAddress: clientAddress(request.headers.get('x-forwarded-for'), trustedProxyCount()),
    ...(correlationId ? { correlationId } : {}),
  };
}
