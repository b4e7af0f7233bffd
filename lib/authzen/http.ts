import 'server-only';
import type { NextResponse } from 'next/server';
import { apiRoute, readJsonBody } from '../adapters/route';
import { AppError } from '../errors';

/**
 * The HTTPS binding of AuthZEN around a route handler: the machine API's error body, the caller's X-Request-ID
 * echoed on every answer, and a Bearer challenge with a 401.
 */
export function authzenRoute(handler: (request: Request) => Promise<NextResponse>) {
  const guarded = apiRoute(handler);
  return async (request: Request): Promise<NextResponse> => {
    const response = await guarded(request);
    const requestId = request.headers.get('x-request-id');
    if (requestId !== null) response.headers.set('X-Request-ID', requestId);
    if (response.status === 401) response.headers.set('WWW-Authenticate', 'Bearer');
    return response;
  };
}

/** A JSON body, sent as application/json: anything else is a 400, as the binding asks. */
export async function readAuthzenBody(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
  if (type !== 'application/json')
    throw new AppError('UNSUPPORTED_CONTENT_TYPE', 'Send the request as Content-Type: application/json.', 400);
  return readJsonBody(request, maxBytes);
}
