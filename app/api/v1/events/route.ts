import { apiRoute, jsonResponse, otherMethodsRefused } from '@/lib/adapters/route';
import { requirePermission } from '@/lib/auth/actor';
import { requireApiKey } from '@/lib/auth/api-actor';
import { importEvents } from '@/lib/ingest/import';
import { MAX_IMPORT_BYTES, requestedFormat, spoolBody } from '@/lib/ingest/request';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(async (request: Request) => {
  const key = await requireApiKey(request, 'an ingest API key');
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
