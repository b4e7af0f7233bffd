import { apiRoute, jsonResponse, otherMethodsRefused, readJsonBody } from '@/lib/adapters/route';
import { requirePermission } from '@/lib/auth/actor';
import { requireApiKey } from '@/lib/auth/api-actor';
import { upsertIdentities } from '@/lib/identities/upsert';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 1024 * 1024;

export const POST = apiRoute(async (request: Request) => {
  const key = await requireApiKey(request, 'an admin API key');
  // Refuse other kinds of keys before reading what they send.
  requirePermission(key, 'identities.upsert');
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  return jsonResponse(await upsertIdentities(key, body));
});

export const { GET, PUT, PATCH, DELETE } = otherMethodsRefused('POST');
