import { apiRoute, jsonResponse, otherMethodsRefused } from '@/lib/adapters/route';
import { pdpIdentifier, pdpMetadata } from '@/lib/authzen/metadata';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request) => {
  const response = jsonResponse(pdpMetadata(pdpIdentifier(request.url)));
  response.headers.set('Cache-Control', 'public, max-age=300');
  return response;
});

export const { POST, PUT, PATCH, DELETE } = otherMethodsRefused('GET');
