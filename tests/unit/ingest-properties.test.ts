import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IngestRecordError } from '../../lib/ingest/errors';
import { NORMALIZERS, parseRecords } from '../../lib/ingest/parse';
import { readRecords } from '../../lib/ingest/read';
import { INGEST_FORMATS, type IngestFormat, type ParsedRecord } from '../../lib/ingest/types';
import { chunksOf, collect, fixturePath } from '../fixtures/ingest/support';

const FIXTURES: Record<IngestFormat, string[]> = {
  cloudtrail: ['cloudtrail/trail-file.json', 'cloudtrail/one-event-per-line.ndjson', 'cloudtrail/broken.ndjson'],
  okta: ['okta/system-log.json', 'okta/broken.ndjson'],
  github: ['github/audit-stream.ndjson', 'github/audit-export.json', 'github/broken.ndjson'],
  entra: ['entra/storage-account.ndjson', 'entra/event-hubs.json', 'entra/broken.ndjson'],
  gcp: ['gcp/sink-export.ndjson', 'gcp/gcloud-logging-read.json', 'gcp/broken.ndjson'],
  native: ['native/events.ndjson', 'native/broken.ndjson'],
};

function parse(format: IngestFormat, bytes: Uint8Array | string, chunkSize?: number): Promise<ParsedRecord[]> {
  return collect(parseRecords(format, chunksOf(bytes, chunkSize)));
}

/** Every item is an event or a rejection with a reason, on a line that exists, in order. */
function expectWellFormed(records: ParsedRecord[], lineCount: number): void {
  let previous = 1;
  for (const record of records) {
    expect(record.line).toBeGreaterThanOrEqual(previous);
    expect(record.line).toBeLessThanOrEqual(lineCount);
    previous = record.line;
    if ('error' in record) expect(record.error.length).toBeGreaterThan(10);
    else expect(record.event.sourceEventId).not.toBe('');
  }
}

function lineCountOf(bytes: Uint8Array | string): number {
  return Buffer.from(bytes).toString('utf8').split('\n').length;
}

const format = fc.constantFrom(...INGEST_FORMATS);

describe('parsing never throws on what the bytes contain', () => {
  it('arbitrary bytes, in any chunking, become events or rejections with reasons', async () => {
    await fc.assert(
      fc.asyncProperty(
        format,
        fc.uint8Array({ maxLength: 400 }),
        fc.integer({ min: 1, max: 64 }),
        async (f, bytes, size) => {
          expectWellFormed(await parse(f, bytes, size), lineCountOf(bytes));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('arbitrary text made of JSON punctuation (the scanner’s hard cases)', async () => {
    const punctuation = fc
      .array(fc.constantFrom('{', '}', '[', ']', '"', '\\', ',', ':', '\n', ' ', 'a', '1', 'Records', 'records', 'é'), {
        maxLength: 200,
      })
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(format, punctuation, fc.integer({ min: 1, max: 16 }), async (f, text, size) => {
        expectWellFormed(await parse(f, text, size), lineCountOf(text));
      }),
      { numRuns: 300, examples: [['native', '[\na,', 1]] },
    );
  });

  it('gzip of arbitrary bytes, and bytes that only look like gzip', async () => {
    await fc.assert(
      fc.asyncProperty(format, fc.uint8Array({ maxLength: 200 }), async (f, bytes) => {
        await collect(parseRecords(f, chunksOf(gzipSync(bytes), 7)));
        await collect(parseRecords(f, chunksOf(Buffer.concat([Buffer.from([0x1f, 0x8b]), bytes]), 7)));
      }),
      { numRuns: 100 },
    );
  });

  it('arbitrary JSON values, one a line or in an array: one result per value', async () => {
    await fc.assert(
      fc.asyncProperty(format, fc.array(fc.jsonValue(), { maxLength: 8 }), fc.boolean(), async (f, values, asArray) => {
        const text = asArray ? JSON.stringify(values) : values.map((value) => JSON.stringify(value)).join('\n');
        const records = await parse(f, text);
        expect(records.length).toBe(
          asArray ? values.length : values.reduce<number>((sum, value) => sum + recordsIn(value), 0),
        );
      }),
      { numRuns: 300 },
    );
  });
});

/** A top-level array stands for its elements, and so does an object's first "Records"/"records" array. */
function recordsIn(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (typeof value !== 'object' || value === null) return 1;
  const wrapped = Object.entries(value).find(
    ([key, inner]) => (key === 'Records' || key === 'records') && Array.isArray(inner),
  );
  return wrapped ? (wrapped[1] as unknown[]).length : 1;
}

describe('normalizers refuse bad records with an IngestRecordError, never anything else', () => {
  async function goodRecords(f: IngestFormat): Promise<unknown[]> {
    const all = await Promise.all(
      FIXTURES[f].map(async (file) => collect(readRecords(chunksOf(readFileSync(fixturePath(file)))))),
    );
    return all.flat().flatMap((item) => ('value' in item ? [item.value] : []));
  }

  /** Replaces the value at one path of a real record with arbitrary JSON (wrong types, nulls, deep values). */
  function mutate(record: unknown, choice: number, replacement: unknown): unknown {
    const copy = structuredClone(record);
    const paths: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach((child, index) => (paths.push({ parent: node, key: index }), walk(child)));
      else if (typeof node === 'object' && node !== null) {
        for (const [key, child] of Object.entries(node)) {
          paths.push({ parent: node as Record<string, unknown>, key });
          walk(child);
        }
      }
    };
    walk(copy);
    if (paths.length === 0) return replacement;
    const { parent, key } = paths[choice % paths.length];
    (parent as Record<string | number, unknown>)[key] = replacement;
    return copy;
  }

  it.each(INGEST_FORMATS)('%s', async (f) => {
    const records = await goodRecords(f);
    expect(records.length).toBeGreaterThan(1);
    const replacement = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(null, '', 0, -1, 'AKIA', '1970-01-01', []),
    );
    fc.assert(
      fc.property(fc.nat(records.length - 1), fc.nat(), replacement, (which, choice, value) => {
        const mutated = mutate(records[which], choice, value);
        try {
          NORMALIZERS[f](mutated);
        } catch (error) {
          expect(error).toBeInstanceOf(IngestRecordError);
          expect((error as Error).message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('parsing is deterministic', () => {
  it.each(INGEST_FORMATS)(
    '%s fixtures: the same bytes twice give the same events and ids, in any chunking',
    async (f) => {
      for (const file of FIXTURES[f]) {
        const bytes = readFileSync(fixturePath(file));
        const first = await parse(f, bytes);
        expect(await parse(f, bytes)).toEqual(first);
        expect(await parse(f, bytes, 13)).toEqual(first);
        expect(JSON.stringify(await parse(f, bytes))).toBe(JSON.stringify(first));
      }
    },
  );

  it('arbitrary input twice gives the same results', async () => {
    await fc.assert(
      fc.asyncProperty(format, fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }), async (f, values) => {
        const text = values.map((value) => JSON.stringify(value)).join('\n');
        expect(await parse(f, text)).toEqual(await parse(f, text));
      }),
      { numRuns: 100 },
    );
  });
});
