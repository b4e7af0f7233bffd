import * as cloudtrail from './cloudtrail';
import * as entra from './entra';
import { IngestRecordError } from './errors';
import * as gcp from './gcp';
import * as github from './github';
import * as native from './native';
import * as okta from './okta';
import { readRecords, type ReadOptions } from './read';
import type { IngestFormat, NormalizedEvent, ParsedRecord } from './types';

export const NORMALIZERS: Record<IngestFormat, (record: unknown) => NormalizedEvent> = {
  native: native.normalize,
  cloudtrail: cloudtrail.normalize,
  okta: okta.normalize,
  github: github.normalize,
  entra: entra.normalize,
  gcp: gcp.normalize,
};

/**
 * Bytes of one file or request body in, one normalized event or one rejection per record out, in order.
 * Never throws for what the bytes contain; only a failure of `chunks` itself is thrown.
 */
export async function* parseRecords(
  format: IngestFormat,
  chunks: AsyncIterable<Uint8Array>,
  options: ReadOptions = {},
): AsyncGenerator<ParsedRecord> {
  const normalize = NORMALIZERS[format];
  for await (const item of readRecords(chunks, options)) {
    if ('error' in item) {
      yield item;
      continue;
    }
    yield normalizeAt(item.line, item.value, normalize);
  }
}

function normalizeAt(line: number, value: unknown, normalize: (record: unknown) => NormalizedEvent): ParsedRecord {
  try {
    return { line, event: normalize(value) };
  } catch (error) {
    if (error instanceof IngestRecordError) return { line, error: error.message };
    // A normalizer bug must not stop an import: the record is rejected and the rest go on.
    const detail = error instanceof Error ? error.message : String(error);
    return { line, error: `The record could not be read (${detail}).` };
  }
}
