import { NextResponse, type NextRequest } from 'next/server';
import { apiRoute } from '@/lib/adapters/route';
import { getCurrentActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { exportNhisCsv } from '@/lib/inventory/export';

export const dynamic = 'force-dynamic';

/** The search params as the list page receives them: a repeated parameter becomes an array. */
function searchParamsOf(request: NextRequest): Record<string, string | string[]> {
  const { searchParams } = request.nextUrl;
  return Object.fromEntries(
    [...new Set(searchParams.keys())].map((key) => {
      const values = searchParams.getAll(key);
      return [key, values.length === 1 ? values[0] : values];
    }),
  );
}

/** The inventory's current view (same query params as /inventory) as a CSV download. */
export const GET = apiRoute(async (request: NextRequest) => {
  const actor = await getCurrentActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to export the inventory.', 401);
  const { filename, stream } = exportNhisCsv(actor, searchParamsOf(request));
  return new NextResponse(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  });
});
