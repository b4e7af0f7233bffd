import 'server-only';
import { databaseFlavor, getDb } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { requireHuman, type Actor } from '../auth/actor';
import { parseInput } from '../validation';
import { nhiOrderBy, NHI_SORT_COLUMNS, nhiRowSelect, nhiWhere } from './list';
import { NHI_KINDS, NHI_STATUSES, nhiFilterSchema, severityOfRank, type NhiFilter } from './schemas';

export const EXPORT_ROW_LIMIT = 100_000;
const EXPORT_BATCH_SIZE = 5_000;

type CsvValue = string | number | boolean | Date | null | undefined;

/** Spreadsheets run a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

/** One field per RFC 4180, with anything a spreadsheet would run as a formula turned into text. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = value instanceof Date ? value.toISOString() : value;
  const safe = FORMULA_TRIGGERS.some((trigger) => text.startsWith(trigger)) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

const exportSelect = {
  ...nhiRowSelect,
  externalId: true,
  sponsor: { select: { id: true, name: true, email: true } },
  nameKey: true,
} as const satisfies Prisma.NhiSelect;

type ExportRow = Prisma.NhiGetPayload<{ select: typeof exportSelect }>;

const COLUMNS: readonly [string, (nhi: ExportRow) => CsvValue][] = [
  ['id', (nhi) => nhi.id],
  ['name', (nhi) => nhi.name],
  ['kind', (nhi) => nhi.kind],
  ['system', (nhi) => nhi.system],
  ['external_id', (nhi) => nhi.externalId],
  ['environment', (nhi) => nhi.environment],
  ['sponsor_id', (nhi) => nhi.sponsor?.id],
  ['sponsor_name', (nhi) => nhi.sponsor?.name],
  ['sponsor_email', (nhi) => nhi.sponsor?.email],
  ['status', (nhi) => nhi.status],
  ['credentials', (nhi) => nhi.credentialCount],
  ['standing_credentials', (nhi) => nhi.standingCredentialCount],
  ['last_seen_at', (nhi) => nhi.lastSeenAt],
  ['open_findings', (nhi) => nhi.openFindingCount],
  ['highest_severity', (nhi) => severityOfRank(nhi.highestSeverityRank)],
];

export const NHI_CSV_HEADER = COLUMNS.map(([name]) => name);

/**
 * The parts the export walks in order: `lastSeenAt` is the one nullable sort column, and a never-seen identity
 * sorts as the oldest, so its nulls form a part of their own before (ascending) or after (descending) the dates.
 * Within a part the sort column is never null, which keeps the keyset condition simple.
 */
function parts(filter: NhiFilter): Prisma.NhiWhereInput[] {
  if (filter.sort !== 'lastSeen') return [{}];
  const never = { lastSeenAt: null };
  const seen = { lastSeenAt: { not: null } };
  return filter.dir === 'asc' ? [never, seen] : [seen, never];
}

/** An enum column's values in the order the database sorts them: by name on SQLite, as declared on PostgreSQL. */
function databaseOrder(values: readonly string[]): string[] {
  return databaseFlavor() === 'sqlite' ? [...values].sort() : [...values];
}

const ENUM_COLUMNS: Partial<Record<string, readonly string[]>> = { kind: NHI_KINDS, status: NHI_STATUSES };

/** The condition "at or past `value` in the walking direction" on the sort column (enums have no range filter). */
function atOrPast(column: string, value: string | number | Date, ascending: boolean) {
  const enumValues = ENUM_COLUMNS[column];
  if (!enumValues) return ascending ? { gte: value } : { lte: value };
  const ordered = databaseOrder(enumValues);
  const at = ordered.indexOf(String(value));
  return { in: ascending ? ordered.slice(at) : ordered.slice(0, at + 1) };
}

/**
 * The rows after `last` in the list's order (keyset paging). "At or past the value, but not a tie already sent",
 * rather than an OR, lets the database start from the sort column's index; the id breaks ties.
 */
function after(filter: NhiFilter, last: ExportRow): Prisma.NhiWhereInput {
  const column = NHI_SORT_COLUMNS[filter.sort];
  const value = last[column];
  const ascending = filter.dir === 'asc';
  if (value === null) return { id: ascending ? { gt: last.id } : { lt: last.id } };
  return {
    [column]: atOrPast(column, value, ascending),
    NOT: { [column]: value, id: ascending ? { lte: last.id } : { gte: last.id } },
  } as Prisma.NhiWhereInput;
}

/** `batchSize` and `rowLimit` exist for tests, which page through a few rows in many small batches. */
export type ExportOptions = { now?: Date; batchSize?: number; rowLimit?: number };

function exportFilename(now: Date): string {
  return `steward-identities-${now.toISOString().slice(0, 10)}.csv`;
}

/**
 * The NHIs of the list's current view as CSV, at most EXPORT_ROW_LIMIT of them, read in batches by keyset as the
 * client pulls, so neither the rows nor the text are ever all in memory. The permission and the filter are
 * checked before anything is sent.
 */
export function exportNhisCsv(actor: Actor, input: unknown, options: ExportOptions = {}) {
  const { now = new Date(), batchSize = EXPORT_BATCH_SIZE, rowLimit = EXPORT_ROW_LIMIT } = options;
  const reader = requireHuman(actor, 'inventory.read');
  const filter = parseInput(nhiFilterSchema, input);
  const where = nhiWhere(reader, filter);
  const orderBy = nhiOrderBy(filter.sort, filter.dir);
  const remainingParts = parts(filter);
  const encoder = new TextEncoder();
  let last: ExportRow | null = null;
  let sent = 0;

  async function nextBatch(): Promise<ExportRow[] | null> {
    const db = await getDb();
    while (remainingParts.length > 0 && sent < rowLimit) {
      const conditions = [where, remainingParts[0], ...(last ? [after(filter, last)] : [])];
      const take = Math.min(batchSize, rowLimit - sent);
      const batch = await db.nhi.findMany({ where: { AND: conditions }, orderBy, take, select: exportSelect });
      if (batch.length < take) {
        remainingParts.shift();
        last = null;
      } else {
        last = batch[batch.length - 1];
      }
      sent += batch.length;
      if (batch.length > 0) return batch;
    }
    return null;
  }

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(NHI_CSV_HEADER)));
    },
    async pull(controller) {
      const batch = await nextBatch().catch((error: unknown) => {
        console.error('The inventory export failed after it started', error);
        throw error;
      });
      if (!batch) return controller.close();
      controller.enqueue(encoder.encode(batch.map((nhi) => csvRow(COLUMNS.map(([, read]) => read(nhi)))).join('')));
    },
  });
  return { filename: exportFilename(now), stream };
}
