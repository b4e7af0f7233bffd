import 'server-only';
import { AppError } from '../errors';
import type { Actor } from './actor';
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
