import { NextResponse } from 'next/server';
import { apiRoute, otherMethodsRefused } from '@/lib/adapters/route';
import { requireApiActor } from '@/lib/auth/api-actor';
import { auditEventsForApi } from '@/lib/audit/explorer';

export const dynamic = 'force-dynamic';

/**
 * The audit trail as NDJSON, one event a line, newest first. When more events match, the next page's cursor is
 * in `X-Next-Cursor` and the next page's address in `Link: <…>; rel="next"`; the last page has neither.
 */
export const GET = apiRoute(async (request: Request) => {
  const actor = await requireApiActor(request);
  const url = new URL(request.url);
  const { lines, nextCursor } = await auditEventsForApi(actor, Object.fromEntries(url.searchParams));
  const headers = new Headers({ 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
  if (nextCursor) {
    const next = new URL(url);
    next.searchParams.set('cursor', nextCursor);
    headers.set('X-Next-Cursor', nextCursor);
    headers.set('Link', `<${next.pathname}${next.search}>; rel="next"`);
  }
  return new NextResponse(lines.length > 0 ? `${lines.join('\n')}\n` : '', { status: 200, headers });
});

export const { POST, PUT, PATCH, DELETE } = otherMethodsRefused('GET');
