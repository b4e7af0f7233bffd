import { NextResponse, type NextRequest } from 'next/server';
import { apiRoute } from '@/lib/adapters/route';
import { getCurrentActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { exportEvidence } from '@/lib/evidence/pack';

export const dynamic = 'force-dynamic';

const DOWNLOADS: Record<string, { format: 'json' | 'csv'; file?: 'events' | 'controls' }> = {
  json: { format: 'json' },
  'events.csv': { format: 'csv', file: 'events' },
  'controls.csv': { format: 'csv', file: 'controls' },
};

/** What to tell the person at the form: the first field's problem, else the error's own message. */
function problemOf(error: AppError): string {
  const fieldErrors = (error.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
  return Object.values(fieldErrors ?? {}).flat()[0] ?? error.message;
}

/** The evidence page's export form: the pack or one of its CSV forms; a bad range goes back to the form. */
export const GET = apiRoute(async (request: NextRequest) => {
  const actor = await getCurrentActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to export evidence.', 401);
  const params = request.nextUrl.searchParams;
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const download = DOWNLOADS[params.get('download') ?? 'json'] ?? DOWNLOADS.json;
  try {
    const exported = await exportEvidence(actor, { from, to, ...download });
    return new NextResponse(exported.stream, {
      headers: {
        'Content-Type': exported.contentType,
        'Content-Disposition': `attachment; filename="${exported.filename}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 422) throw error;
    const back = new URL('/evidence', request.nextUrl);
    back.search = new URLSearchParams({ from, to, error: problemOf(error) }).toString();
    return NextResponse.redirect(back, 303);
  }
});
