import { apiRoute, jsonResponse, otherMethodsRefused } from '@/lib/adapters/route';
import { requireApiActor } from '@/lib/auth/api-actor';
import { verifyChainFor } from '@/lib/audit/verify-as';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request) => {
  const actor = await requireApiActor(request);
  return jsonResponse(await verifyChainFor(actor));
});

export const { POST, PUT, PATCH, DELETE } = otherMethodsRefused('GET');
