import { apiRoute, jsonResponse, otherMethodsRefused } from '@/lib/adapters/route';
import { requireApiKey } from '@/lib/auth/api-actor';
import { parseWait } from '@/lib/scopes/schemas';
import { scopeStatus } from '@/lib/scopes/agent';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export const GET = apiRoute(async (request: Request, { params }: Params) => {
  const key = await requireApiKey(request, 'the agent key of the NHI');
  const { id } = await params;
  const wait = parseWait(new URL(request.url).searchParams.get('wait'));
  return jsonResponse(await scopeStatus(key, id, wait, request.signal));
});

export const { POST, PUT, PATCH, DELETE } = otherMethodsRefused('GET');
