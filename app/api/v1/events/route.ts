import { apiRoute, jsonResponse, otherMethodsRefused } from '@/lib/adapters/route';
import { requirePermission, type KeyActor } from '@/lib/auth/actor';
import { authenticateApiKey, bearerToken } from '@/lib/auth/api-keys';
import { AppError } from '@/lib/errors';
import { importEvents } from '@/lib/ingest/import';
import { MAX_IMPORT_BYTES, requestedFormat, spoolBody } from '@/lib/ingest/request';

export const dynamic = 'force-dynamic';

/** Only an ingest key: a collector sends logs; a browser session uploads through the dashboard. */
async function requireApiKey(request: Request): Promise<KeyActor> {
  const secret = bearerToken(request);
  const key = secret ? await authenticateApiKey(secret) : null;
  if (!key)
    throw new AppError(
      'UNAUTHENTICATED',
      'Send an ingest API key as "Authorization: Bearer …"; this one is missing, unknown, revoked or expired.',
      401,
    );
  return key;
}

export const POST = apiRoute(async (request: Request) => {
  const key = await requireApiKey(request);
  // Refuse other kinds of keys, and bad parameters, before reading what they send.
  requirePermission(key, 'events.ingest');
  const format = requestedFormat(new URL(request.url).searchParams.get('format'));
  const body = await spoolBody(request, MAX_IMPORT_BYTES);
  try {
    return jsonResponse(await importEvents(key, format, body.chunks()));
  } finally {
    await body.discard();
  }
});

export const { GET, PUT, PATCH, DELETE } = otherMethodsRefused('POST');
