import 'server-only';
import { NextResponse } from 'next/server';
import { AppError, concurrentChange, isUniqueViolation } from '../errors';

/** The machine API's error body: {"error": {"code", "message", "details"?}}. */
export function errorResponse(code: string, message: string, status: number, details?: unknown): NextResponse {
  const error = details === undefined ? { code, message } : { code, message, details };
  return NextResponse.json({ error }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export function jsonResponse(body: unknown, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** Turns any failure into an API answer: an AppError as it is, anything else as a logged, generic 500. */
export function failureResponse(error: unknown): NextResponse {
  if (isUniqueViolation(error)) return failureResponse(concurrentChange());
  if (error instanceof AppError) return errorResponse(error.code, error.message, error.status, error.details);
  console.error('Unexpected error in an API route', error);
  return errorResponse('INTERNAL', 'Something went wrong on our side. Nothing was changed.', 500);
}

/** Wraps a route handler so no stack, SQL or secret reaches the caller. */
export function apiRoute<Args extends unknown[]>(handler: (...args: Args) => Promise<NextResponse>) {
  return async (...args: Args): Promise<NextResponse> => {
    try {
      return await handler(...args);
    } catch (error) {
      return failureResponse(error);
    }
  };
}

/** Reads a JSON body: 413 past `maxBytes`, 400 when it is not JSON. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `The body is larger than ${maxBytes} bytes.`, 413);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', `The body is larger than ${maxBytes} bytes.`, 413);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('MALFORMED_JSON', 'The body is not valid JSON.', 400);
  }
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];
type Refusal = () => Promise<NextResponse>;

/**
 * Handlers for the methods a route module does not serve: each answers 405 with the API's error body and an
 * `Allow` header (Next's own 405 has an empty body). Every route module under /api/v1 exports them beside
 * its own: `export const { GET, PUT, PATCH, DELETE } = otherMethodsRefused('POST');`
 */
export function otherMethodsRefused<Allowed extends HttpMethod>(
  ...allowed: Allowed[]
): Record<Exclude<HttpMethod, Allowed>, Refusal> {
  const allow = allowed.join(', ');
  const refuse: Refusal = async () => {
    const response = errorResponse('METHOD_NOT_ALLOWED', `This endpoint answers ${allow} only.`, 405);
    response.headers.set('Allow', allow);
    return response;
  };
  const refused = HTTP_METHODS.filter((method) => !(allowed as HttpMethod[]).includes(method));
  return Object.fromEntries(refused.map((method) => [method, refuse])) as Record<Exclude<HttpMethod, Allowed>, Refusal>;
}

/** What a path under /api/v1 that no route serves answers, whatever the method. */
export function unknownEndpointResponse(): NextResponse {
  return errorResponse('NOT_FOUND', 'There is no such endpoint in the machine API.', 404);
}
