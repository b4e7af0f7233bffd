import { apiRoute, jsonResponse, otherMethodsRefused } from '@/lib/adapters/route';
import { bearerToken } from '@/lib/auth/api-keys';
import { AppError } from '@/lib/errors';
import { completeScope } from '@/lib/scopes/agent';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export const POST = apiRoute(async (request: Request, { params }: Params) => {
  const token = bearerToken(request);
  if (!token) throw new AppError('UNAUTHENTICATED', 'Send the task token as "Authorization: Bearer …".', 401);
  const { id } = await params;
  return jsonResponse(await completeScope(token, id));
});

export const { GET, PUT, PATCH, DELETE } = otherMethodsRefused('POST');
