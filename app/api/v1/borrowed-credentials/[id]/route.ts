import { apiRoute, jsonResponse, otherMethodsRefused } from '@/lib/adapters/route';
import { requireApiActor } from '@/lib/auth/api-actor';
import { borrowedCaseForApi } from '@/lib/borrowed/api';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiActor(request);
  const { id } = await context.params;
  return jsonResponse(await borrowedCaseForApi(actor, id));
});

export const { POST, PUT, PATCH, DELETE } = otherMethodsRefused('GET');
