import { apiRoute, jsonResponse, otherMethodsRefused } from '@/lib/adapters/route';
import { requirePermission } from '@/lib/auth/actor';
import { requireApiKey } from '@/lib/auth/api-actor';
import { fetchTaskToken } from '@/lib/scopes/agent';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export const POST = apiRoute(async (request: Request, { params }: Params) => {
  const key = await requireApiKey(request, 'the agent key of the NHI');
  requirePermission(key, 'scope.fetch_token');
  const { id } = await params;
  return jsonResponse(await fetchTaskToken(key, { id }), 201);
});

export const { GET, PUT, PATCH, DELETE } = otherMethodsRefused('POST');
