import { jsonResponse, otherMethodsRefused } from '@/lib/adapters/route';
import { requirePermission } from '@/lib/auth/actor';
import { requireApiKey } from '@/lib/auth/api-actor';
import { evaluateAccess } from '@/lib/authzen/evaluate';
import { authzenRoute, readAuthzenBody } from '@/lib/authzen/http';
import { transportOf } from '@/lib/decisions/transport';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 64 * 1024;

export const POST = authzenRoute(async (request: Request) => {
  const key = await requireApiKey(request, 'a gateway key');
  requirePermission(key, 'decision.evaluate');
  const body = await readAuthzenBody(request, MAX_BODY_BYTES);
  return jsonResponse(await evaluateAccess(key, body, transportOf(request)));
});

export const { GET, PUT, PATCH, DELETE } = otherMethodsRefused('POST');
