import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRecords, type ReadItem } from '../../lib/ingest/read';
import { chunksOf, collect } from '../fixtures/ingest/support';

async function read(text: string | Uint8Array, chunkSize?: number, maxRecordChars?: number): Promise<ReadItem[]> {
  return collect(readRecords(chunksOf(text, chunkSize), { maxRecordChars }));
}

describe('readRecords: telling the shapes apart by their bytes', () => {
  it('NDJSON: one record a line, blank lines and CRLF skipped, each with its line', async () => {
    expect(await read('{"a":1}\r\n\r\n{"b":2}\n  \n{"c":[1,{"d":"x\\"}"}]}\n')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { b: 2 } },
      { line: 5, value: { c: [1, { d: 'x"}' }] } },
    ]);
  });

  it('objects written one after another, pretty-printed, start where their brace is', async () => {
    expect(await read('{\n  "a": {\n    "b": 1\n  }\n}\n{\n  "c": 2\n}')).toEqual([
      { line: 1, value: { a: { b: 1 } } },
      { line: 6, value: { c: 2 } },
    ]);
  });

  it('a JSON array: each element with the line it starts on', async () => {
    expect(await read('[\n  {"a":1},\n  {"b":\n    2}, "text", 3\n]\n')).toEqual([
      { line: 2, value: { a: 1 } },
      { line: 3, value: { b: 2 } },
      { line: 4, value: 'text' },
      { line: 4, value: 3 },
    ]);
  });

  it('CloudTrail {"Records":[…]} and Event Hubs {"records":[…]} yield their elements, whatever other keys surround them', async () => {
    expect(
      await read(
        '{"Records":[{"n":1},\n{"n":2}]}\n{"meta":{"Records":"not this"},"records":[{"n":3}],"after":[{"n":0}]}',
      ),
    ).toEqual([
      { line: 1, value: { n: 1 } },
      { line: 2, value: { n: 2 } },
      { line: 3, value: { n: 3 } },
    ]);
  });

  it('a "Records" key whose value is not an array leaves the object a record', async () => {
    expect(await read('{"Records":"none","x":1}')).toEqual([{ line: 1, value: { Records: 'none', x: 1 } }]);
  });

  it('empty input gives nothing', async () => {
    expect(await read('')).toEqual([]);
    expect(await read(' \n\n ')).toEqual([]);
  });
});

describe('readRecords: broken input', () => {
  it('NDJSON: a bad line is rejected with its reason and reading goes on at the next line', async () => {
    const items = await read('{"a":1,\n{"b":2}\n{"c":"open\n{"d":[}\nnot json\n{"e":5}');
    expect(items).toEqual([
      { line: 1, error: 'The record is not closed before line 2 starts another one, so it was skipped.' },
      { line: 2, value: { b: 2 } },
      { line: 3, error: 'The record is not valid JSON: a string is still open at the end of line 3.' },
      { line: 4, error: 'The record is not valid JSON: "}" on line 4 closes a "[".' },
      { line: 5, error: expect.stringMatching(/^The record is not valid JSON: /) },
      { line: 6, value: { e: 5 } },
    ]);
  });

  it('an array element that is bad JSON but well bracketed is rejected alone', async () => {
    expect(await read('[{"a":tru},{"b":2}]')).toEqual([
      { line: 1, error: expect.stringMatching(/^The record is not valid JSON: /) },
      { line: 1, value: { b: 2 } },
    ]);
  });

  it('a structurally broken array rejects the rest with one clear reason', async () => {
    expect(await read('[\n{"a":1},\n{"b":"open\n},\n{"c":3}\n]')).toEqual([
      { line: 2, value: { a: 1 } },
      {
        line: 3,
        error:
          'The JSON is broken on line 3 (a string is still open at the end of line 3); the records after this point could not be read.',
      },
    ]);
  });

  it('an array cut short says so', async () => {
    expect(await read('[{"a":1},\n{"b":')).toEqual([
      { line: 1, value: { a: 1 } },
      {
        line: 2,
        error:
          'The input ends on line 2 before this record is closed (the JSON array that starts on line 1 is not closed): the record is incomplete.',
      },
    ]);
  });

  it('a record over the size limit is rejected without holding it, and the next one is read', async () => {
    const big = `{"blob":"${'x'.repeat(5000)}"}`;
    expect(await read(`${big}\n{"ok":true}`, 100, 1000)).toEqual([
      { line: 1, error: 'The record is larger than the limit of 1000 characters.' },
      { line: 2, value: { ok: true } },
    ]);
  });
});

describe('readRecords: gzip', () => {
  it('unpacks gzip even when its magic bytes arrive one at a time', async () => {
    expect(await read(gzipSync('{"a":1}\n{"b":2}\n'), 1)).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { b: 2 } },
    ]);
  });

  it('concatenated gzip members read as one stream', async () => {
    const twoMembers = Buffer.concat([gzipSync('{"a":1}\n'), gzipSync('{"b":2}\n')]);
    expect(await read(twoMembers)).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { b: 2 } },
    ]);
  });

  it('damaged gzip is a rejection, not a crash', async () => {
    const packed = gzipSync('{"a":1}\n{"b":2}\n'.repeat(50));
    const damaged = Buffer.concat([packed.subarray(0, 10), Buffer.from('not deflate at all'), packed.subarray(28)]);
    const items = await read(damaged);
    expect(items.at(-1)).toEqual({
      line: expect.any(Number),
      error: expect.stringMatching(/^The gzip data is damaged/),
    });
  });
});

describe('readRecords: the byte source', () => {
  it('a failing source is thrown, not mistaken for bad data', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('{"a":1}\n');
      throw new Error('connection reset');
    }
    await expect(collect(readRecords(failing()))).rejects.toThrow('connection reset');
  });

  it('stopping early closes the source', async () => {
    let closed = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        for (;;) yield Buffer.from('{"a":1}\n');
      } finally {
        closed = true;
      }
    }
    for await (const item of readRecords(endless())) {
      expect(item).toEqual({ line: 1, value: { a: 1 } });
      break;
    }
    expect(closed).toBe(true);
  });

  it('the same bytes in any chunking (multi-byte characters split too) give the same records', async () => {
    const documents = fc
      .array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 })
      .chain((values) =>
        fc.constantFrom(
          values.map((value) => JSON.stringify(value)).join('\n'),
          JSON.stringify(values, null, 2),
          JSON.stringify({ Records: values }),
          values.map((value) => JSON.stringify({ v: value, s: 'é✓😀' }, null, 2)).join('\n'),
        ),
      );
    await fc.assert(
      fc.asyncProperty(documents, fc.integer({ min: 1, max: 17 }), async (text, chunkSize) => {
        expect(await read(text, chunkSize)).toEqual(await read(text));
      }),
    );
  });
});
