import 'server-only';
import { AppError } from '../errors';
import type { Actor, KeyActor } from './actor';
import { authenticateApiKey, bearerToken } from './api-keys';
import { getCurrentActor } from './session';

/** For API routes that accept a signed-in person or a key: a bearer key wins; neither is a 401. */
export async function requireApiActor(request: Request): Promise<Actor> {
  const secret = bearerToken(request);
  if (secret) {
    const key = await authenticateApiKey(secret);
    if (!key) throw new AppError('UNAUTHENTICATED', 'The API key is unknown, revoked or expired.', 401);
    return key;
  }
  const person = await getCurrentActor();
  if (!person) throw new AppError('UNAUTHENTICATED', 'Sign in, or send an API key as "Authorization: Bearer …".', 401);
  return person;
}

/**
 * For API routes only a machine may call: a key of the kind named in the error, never a browser session. Other
 * kinds of keys are refused by the caller's permission check, before it reads what they send.
 */
export async function requireApiKey(request: Request, keyName: string): Promise<KeyActor> {
  const secret = bearerToken(request);
  const key = secret ? await authenticateApiKey(secret) : null;
  if (!key)
    throw new AppError(
      'UNAUTHENTICATED',
      `Send ${keyName} as "Authorization: Bearer …"; this one is missing, unknown, revoked or expired.`,
      401,
    );
  return key;
}
