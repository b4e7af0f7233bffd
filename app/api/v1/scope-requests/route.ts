import { apiRoute, jsonResponse, otherMethodsRefused, readJsonBody } from '@/lib/adapters/route';
import { requirePermission } from '@/lib/auth/actor';
import { requireApiKey } from '@/lib/auth/api-actor';
import { requestScope } from '@/lib/scopes/agent';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 64 * 1024;

export const POST = apiRoute(async (request: Request) => {
  const key = await requireApiKey(request, 'the agent key of the NHI');
  requirePermission(key, 'scope.request');
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  return jsonResponse(await requestScope(key, body), 201);
});

export const { GET, PUT, PATCH, DELETE } = otherMethodsRefused('POST');
