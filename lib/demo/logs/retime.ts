import type { IngestFormat } from '../../ingest/types';
import { isJsonObject } from '../../ingest/fields';
import { readRecords } from '../../ingest/read';
import { DAY_MS } from '../random';
import { DEMO_LOGS_ANCHOR } from './index';

/**
 * The demo logs carry fixed dates; on import the demo moves every record forward by the same whole number of days,
 * so that the logs end on the day it runs. Whole days keep each record's time of day (office hours stay office
 * hours, a night on call stays a night), and every gap between records stays what it was.
 */

/** The time fields of each format's records, as paths into the record. */
const TIME_FIELDS: Record<IngestFormat, readonly (readonly string[])[]> = {
  native: [['occurredAt']],
  cloudtrail: [['eventTime'], ['userIdentity', 'sessionContext', 'attributes', 'creationDate']],
  okta: [['published']],
  github: [['@timestamp'], ['created_at']],
  entra: [['time'], ['properties', 'createdDateTime']],
  gcp: [['timestamp'], ['receiveTimestamp']],
};

/** How many whole days after the logs' anchor `now` is: the records then end within the day before `now`. */
export function wholeDaysUntil(now: Date): number {
  return Math.floor((now.getTime() - DEMO_LOGS_ANCHOR.getTime()) / DAY_MS);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function shifted(value: unknown, days: number): unknown {
  if (typeof value === 'number') return value + days * DAY_MS;
  if (typeof value !== 'string') return value;
  const match = ISO_DATE.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + days * DAY_MS);
  return `${date.toISOString().slice(0, 10)}${value.slice(10)}`;
}

function shiftAt(record: unknown, path: readonly string[], days: number): void {
  let holder = record;
  for (const key of path.slice(0, -1)) holder = isJsonObject(holder) ? holder[key] : undefined;
  const last = path[path.length - 1];
  if (isJsonObject(holder) && last in holder) holder[last] = shifted(holder[last], days);
}

/** One demo log file's records, `days` later, as NDJSON: what the demo hands to the import. */
export async function* retimedDemoLogFile(
  format: IngestFormat,
  chunks: AsyncIterable<Uint8Array>,
  days: number,
): AsyncGenerator<Uint8Array> {
  for await (const item of readRecords(chunks)) {
    if ('error' in item) throw new Error(`A demo log record at line ${item.line} cannot be read: ${item.error}`);
    for (const path of TIME_FIELDS[format]) shiftAt(item.value, path, days);
    yield Buffer.from(`${JSON.stringify(item.value)}\n`, 'utf8');
  }
}
