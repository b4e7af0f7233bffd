import { isSameOrigin } from '@/lib/adapters/origin';
import { apiRoute, jsonResponse, otherMethodsRefused } from '@/lib/adapters/route';
import { getCurrentActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { importEvents, type ImportSummary } from '@/lib/ingest/import';
import type { IngestFormat } from '@/lib/ingest/types';
import type { Actor } from '@/lib/auth/actor';
import { MAX_IMPORT_BYTES, requestedFormat, spoolBody } from '@/lib/ingest/request';
import { REJECTED_SHOWN } from '@/components/borrowed/upload-limit';
import type { UploadAnswer } from '@/components/borrowed/upload-types';

export const dynamic = 'force-dynamic';

/** The dashboard's own pages send uploads; a form or script on another site may not, whatever cookies it rides on. */
function requireSameOrigin(request: Request): void {
  if (!isSameOrigin(request))
    throw new AppError('FORBIDDEN', 'Uploads may only be sent from Steward’s own pages.', 403);
}

function cutShort(): AppError {
  return new AppError(
    'UPLOAD_INCOMPLETE',
    'The file did not arrive whole, so nothing was imported. Try again, or send a large file through the API or the CLI.',
    413,
  );
}

/**
 * The body as it arrives, refused at its end when fewer bytes came than the browser announced: a body cut short
 * on the way must fail the whole import rather than import part of the file.
 */
function wholeBody(request: Request): Request {
  const announced = Number(request.headers.get('content-length') ?? Number.NaN);
  if (!request.body || !Number.isFinite(announced)) return request;
  let received = 0;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        controller.enqueue(chunk);
      },
      flush() {
        if (received !== announced) throw cutShort();
      },
    }),
  );
  return new Request(request.url, {
    method: 'POST',
    headers: request.headers,
    body: counted,
    duplex: 'half',
  } as RequestInit);
}

/** The whole file is received before the import starts, so a slow upload never holds the database's write lock. */
async function importUpload(actor: Actor, format: IngestFormat, request: Request): Promise<ImportSummary> {
  const body = await spoolBody(wholeBody(request), MAX_IMPORT_BYTES);
  try {
    return await importEvents(actor, format, body.chunks());
  } finally {
    await body.discard();
  }
}

/** An uploaded log file, imported as the signed-in person: the same summary as the API, its rejections capped. */
export const POST = apiRoute(async (request: Request) => {
  requireSameOrigin(request);
  const actor = await getCurrentActor();
  if (!actor)
    throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again, then upload the file.', 401);
  const format = requestedFormat(new URL(request.url).searchParams.get('format'));
  const summary = await importUpload(actor, format, request);
  const answer: UploadAnswer = {
    accepted: summary.accepted,
    duplicates: summary.duplicates,
    rejectedCount: summary.rejected.length,
    rejected: summary.rejected.slice(0, REJECTED_SHOWN),
  };
  return jsonResponse(answer);
});

export const { GET, PUT, PATCH, DELETE } = otherMethodsRefused('POST');
