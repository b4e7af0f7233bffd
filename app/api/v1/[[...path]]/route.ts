import { unknownEndpointResponse } from '@/lib/adapters/route';

/** Any path under /api/v1 that no route serves: the API's JSON 404, never Next's HTML page. */
const unknownEndpoint = async () => unknownEndpointResponse();

export const GET = unknownEndpoint;
export const POST = unknownEndpoint;
export const PUT = unknownEndpoint;
export const PATCH = unknownEndpoint;
export const DELETE = unknownEndpoint;
export const HEAD = unknownEndpoint;
export const OPTIONS = unknownEndpoint;
