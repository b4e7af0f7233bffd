import { NextResponse } from 'next/server';
import { apiRoute, otherMethodsRefused } from '@/lib/adapters/route';
import { requireApiActor } from '@/lib/auth/api-actor';
import { exportEvidence } from '@/lib/evidence/pack';

export const dynamic = 'force-dynamic';

/**
 * An evidence pack for `?from=&to=` (UTC days, inclusive, or ISO datetimes): signed JSON, or one of its CSV forms
 * with `&format=csv&file=events|controls`. Each export signs a checkpoint and is itself recorded in the trail.
 */
export const GET = apiRoute(async (request: Request) => {
  const actor = await requireApiActor(request);
  const exported = await exportEvidence(actor, Object.fromEntries(new URL(request.url).searchParams));
  return new NextResponse(exported.stream, {
    headers: {
      'Content-Type': exported.contentType,
      'Content-Disposition': `attachment; filename="${exported.filename}"`,
      'Cache-Control': 'no-store',
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethodsRefused('GET');
