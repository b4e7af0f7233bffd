import { apiRoute, jsonResponse, otherMethodsRefused, readJsonBody } from '@/lib/adapters/route';
import { bearerToken } from '@/lib/auth/api-keys';
import { transportOf } from '@/lib/decisions/transport';
import { authorize } from '@/lib/decisions/authorize';
import { authorizeSchema } from '@/lib/decisions/schemas';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 16 * 1024;

/** 200 with a decision for every well-formed request that carries a token; 401 without one. */
export const POST = apiRoute(async (request: Request) => {
  const token = bearerToken(request);
  if (!token) throw new AppError('UNAUTHENTICATED', 'Send the task token as "Authorization: Bearer …".', 401);
  const { action, resource, context } = parseInput(authorizeSchema, await readJsonBody(request, MAX_BODY_BYTES));
  const outcome = await authorize({ token, action, resource, context, ...transportOf(request), via: 'authorize' });
  return jsonResponse(outcome);
});

export const { GET, PUT, PATCH, DELETE } = otherMethodsRefused('POST');
