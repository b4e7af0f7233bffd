import { apiRoute, jsonResponse, otherMethodsRefused } from '@/lib/adapters/route';
import { requireApiActor } from '@/lib/auth/api-actor';
import { borrowedCasesForApi } from '@/lib/borrowed/api';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request) => {
  const actor = await requireApiActor(request);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return jsonResponse(await borrowedCasesForApi(actor, query));
});

export const { POST, PUT, PATCH, DELETE } = otherMethodsRefused('GET');
