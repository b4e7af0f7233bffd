import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { AppError } from '../errors';
import { INGEST_FORMATS, type IngestFormat } from './types';

/** The most an import request may carry, counted after gzip is unpacked. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export function requestedFormat(value: string | null): IngestFormat {
  if (value && (INGEST_FORMATS as readonly string[]).includes(value)) return value as IngestFormat;
  throw new AppError('INVALID_FORMAT', `Name the log format as ?format=…, one of: ${INGEST_FORMATS.join(', ')}.`, 400, {
    formats: [...INGEST_FORMATS],
  });
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The body is larger than ${maxBytes} bytes (${Math.round(maxBytes / 1024 / 1024)} MiB, unpacked); split the file.`,
    413,
  );
}

function isGzip(chunk: Uint8Array | undefined): boolean {
  return Boolean(chunk && chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b);
}

async function* gunzipped(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const gunzip = createGunzip();
  const input = Readable.from(chunks, { objectMode: false });
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Uint8Array;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('MALFORMED_BODY', 'The body says it is gzip, but the gzip data is damaged.', 400);
  } finally {
    input.destroy();
  }
}

/** The chunks as they come, with the first one looked at (to tell gzip by its magic bytes) and put back. */
async function* withFirst(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * A request body as it arrives, unpacked when it is gzip (by `Content-Encoding: gzip` or by its magic bytes),
 * stopped with a 413 as soon as the unpacked bytes pass `maxBytes`: nothing is buffered first.
 */
export async function* limitedBody(request: Request, maxBytes: number): AsyncGenerator<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return;
  const reader = (request.body as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const first = await reader.next();
  if (first.done) return;
  const body = withFirst(first.value, reader);
  const unpacked = isGzip(first.value) || /\bgzip\b/i.test(request.headers.get('content-encoding') ?? '');
  let total = 0;
  try {
    for await (const chunk of unpacked ? gunzipped(body) : body) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(maxBytes);
      yield chunk;
    }
  } finally {
    await reader.return?.();
  }
}

export type SpooledBody = { chunks: () => AsyncIterable<Uint8Array>; discard: () => Promise<void> };

/**
 * The unpacked body written to a temporary file as it arrives (413 past `maxBytes`), so that the import's
 * transaction, which holds the database's write lock on SQLite, never waits on a slow client's network.
 */
export async function spoolBody(request: Request, maxBytes: number): Promise<SpooledBody> {
  const directory = await mkdtemp(join(tmpdir(), 'steward-import-'));
  const discard = () => rm(directory, { recursive: true, force: true });
  const file = join(directory, 'body');
  try {
    await pipeline(Readable.from(limitedBody(request, maxBytes), { objectMode: false }), createWriteStream(file));
  } catch (error) {
    await discard();
    throw error;
  }
  return { chunks: () => createReadStream(file, { highWaterMark: 1 << 20 }), discard };
}
