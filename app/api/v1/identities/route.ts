import { apiRoute, jsonResponse, otherMethodsRefused, readJsonBody } from '@/lib/adapters/route';
import { requirePermission, type KeyActor } from '@/lib/auth/actor';
import { authenticateApiKey, bearerToken } from '@/lib/auth/api-keys';
import { AppError } from '@/lib/errors';
import { upsertIdentities } from '@/lib/identities/upsert';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 1024 * 1024;

/** Only an API key: automation upserts identities, a signed-in browser session does not. */
async function requireApiKey(request: Request): Promise<KeyActor> {
  const secret = bearerToken(request);
  const key = secret ? await authenticateApiKey(secret) : null;
  if (!key)
    throw new AppError(
      'UNAUTHENTICATED',
      'Send an admin API key as "Authorization: Bearer …"; this one is missing, unknown, revoked or expired.',
      401,
    );
  return key;
}

export const POST = apiRoute(async (request: Request) => {
  const key = await requireApiKey(request);
  // Refuse other kinds of keys before reading what they send.
  requirePermission(key, 'identities.upsert');
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  return jsonResponse(await upsertIdentities(key, body));
});

export const { GET, PUT, PATCH, DELETE } = otherMethodsRefused('POST');
