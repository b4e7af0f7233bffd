import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DEFAULT_MAX_RECORD_CHARS, RecordScanner, type ScanItem } from './scan';
import type { RejectedRecord } from './types';

/** One record's parsed JSON and the line where it starts. */
export type RawRecord = { line: number; value: unknown };
export type ReadItem = RawRecord | RejectedRecord;

export type ReadOptions = { maxRecordChars?: number };

/**
 * Reads records from bytes as they arrive: NDJSON (blank lines skipped), a JSON array, CloudTrail's
 * `{"Records":[…]}` or objects one after another, told apart by the bytes themselves; gzip (magic bytes
 * 1f 8b) is unpacked on the way. Memory holds one record at a time, never the file. Bytes that are not
 * records become rejections with their line; only a failure of the byte source itself is thrown.
 */
export async function* readRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: ReadOptions = {},
): AsyncGenerator<ReadItem> {
  const scanner = new RecordScanner(options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS);
  const decoder = new TextDecoder('utf-8');
  const source = new SourceGuard(chunks);
  const opened = await openPossiblyGzipped(source);
  try {
    for await (const bytes of opened.stream) {
      yield* parsed(scanner.push(decoder.decode(bytes, { stream: true })));
    }
  } catch (error) {
    if (source.failure) throw source.failure;
    yield* parsed(scanner.push(decoder.decode()));
    yield* parsed(scanner.finish());
    yield {
      line: scanner.currentLine,
      error: `The gzip data is damaged (${describeError(error)}): reading stopped here.`,
    };
    return;
  }
  yield* parsed(scanner.push(decoder.decode()));
  yield* parsed(scanner.finish());
}

function* parsed(items: ScanItem[]): Generator<ReadItem> {
  for (const item of items) {
    if ('error' in item) {
      yield item;
      continue;
    }
    try {
      yield { line: item.line, value: JSON.parse(item.text) };
    } catch (error) {
      yield { line: item.line, error: `The record is not valid JSON: ${describeError(error)}` };
    }
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Remembers a failure of the caller's byte source, so that it is thrown rather than mistaken for bad data. */
class SourceGuard implements AsyncIterable<Uint8Array> {
  failure: unknown = null;
  private readonly iterator: AsyncIterator<Uint8Array>;
  private readonly peeked: Uint8Array[] = [];

  constructor(chunks: AsyncIterable<Uint8Array>) {
    this.iterator = chunks[Symbol.asyncIterator]();
  }

  /** Reads ahead until `count` bytes are known (or the source ends) and returns them, keeping them for iteration. */
  async peek(count: number): Promise<Uint8Array> {
    let known = this.peeked.reduce((sum, chunk) => sum + chunk.length, 0);
    while (known < count) {
      const next = await this.next();
      if (next.done) break;
      this.peeked.push(next.value);
      known += next.value.length;
    }
    return Buffer.concat(this.peeked).subarray(0, count);
  }

  private async next(): Promise<IteratorResult<Uint8Array>> {
    try {
      return await this.iterator.next();
    } catch (error) {
      this.failure = error ?? new Error('The input stream failed.');
      throw this.failure;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    try {
      while (this.peeked.length > 0) yield this.peeked.shift() as Uint8Array;
      for (;;) {
        const next = await this.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await this.iterator.return?.();
    }
  }
}

async function openPossiblyGzipped(source: SourceGuard): Promise<{ stream: AsyncIterable<Uint8Array> }> {
  const head = await source.peek(2);
  if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) return { stream: source };
  const gunzip = createGunzip();
  // Errors reach the reader through the gunzip stream itself; the callback only keeps them from going unhandled.
  pipeline(Readable.from(source, { objectMode: false }), gunzip, () => {});
  return { stream: gunzip };
}
