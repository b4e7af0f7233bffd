import { NextResponse, type NextRequest } from 'next/server';
import { apiRoute } from '@/lib/adapters/route';
import { getCurrentActor } from '@/lib/auth/session';
import { auditChartCsv } from '@/lib/charts/csv';
import { isAuditChartName } from '@/lib/charts/links';
import { AppError, notFound } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** One audit chart's data as a CSV download, for the days the audit page's from/to select. */
export const GET = apiRoute(async (request: NextRequest, context: { params: Promise<{ chart: string }> }) => {
  const actor = await getCurrentActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to download chart data.', 401);
  const { chart } = await context.params;
  if (!isAuditChartName(chart)) throw notFound('That chart');
  const { filename, body } = await auditChartCsv(actor, chart, Object.fromEntries(request.nextUrl.searchParams));
  return new NextResponse(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  });
});
