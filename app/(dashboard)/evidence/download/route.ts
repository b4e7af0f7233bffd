import { NextResponse, type NextRequest } from 'next/server';
import { isSameOrigin } from '@/lib/adapters/origin';
import { apiRoute, otherMethodsRefused } from '@/lib/adapters/route';
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

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * The evidence page's export form: the pack or one of its CSV forms. An export signs a checkpoint and is recorded,
 * so it is a POST from Steward's own page only; a bad range goes back to the form with the reason.
 */
export const POST = apiRoute(async (request: NextRequest) => {
  if (!isSameOrigin(request)) {
    throw new AppError('FORBIDDEN', 'Evidence is exported from Steward’s own evidence page, or through the API.', 403);
  }
  const actor = await getCurrentActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to export evidence.', 401);
  const form = await request.formData();
  const from = field(form, 'from');
  const to = field(form, 'to');
  const download = DOWNLOADS[field(form, 'download')] ?? DOWNLOADS.json;
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

export const { GET, PUT, PATCH, DELETE } = otherMethodsRefused('POST');
