import { z } from 'zod';
import { NhiKind, NhiStatus, type Severity } from '../db/generated/sqlite/enums';

/** The inventory's URL state: what the list pages read from their search params, and how they write it back. */

export const NHI_KINDS = Object.values(NhiKind) as [NhiKind, ...NhiKind[]];
export const NHI_STATUSES = Object.values(NhiStatus) as [NhiStatus, ...NhiStatus[]];

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** Every sortable column of the identities table, with the direction its header sorts by first. */
export const NHI_SORTS = {
  name: 'asc',
  kind: 'asc',
  system: 'asc',
  environment: 'asc',
  status: 'asc',
  credentials: 'desc',
  standing: 'desc',
  lastSeen: 'desc',
  findings: 'desc',
  severity: 'desc',
} as const satisfies Record<string, SortDirection>;
export type NhiSort = keyof typeof NHI_SORTS;
export const DEFAULT_NHI_SORT: NhiSort = 'name';

/**
 * Columns of the identities table shown only on request: by default kind, system and environment sit under the
 * name, standing credentials under the credential count and the highest severity beside the findings.
 */
export const NHI_OPTIONAL_COLUMNS = ['kind', 'system', 'environment', 'standing', 'severity'] as const;
export type NhiOptionalColumn = (typeof NHI_OPTIONAL_COLUMNS)[number];

const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** One of `values`, or nothing when the parameter is absent or blank (a select's "All" option). */
export function optionalChoice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(blankToUndefined, z.enum(values).optional());
}

export function optionalText(max: number) {
  return z.preprocess(blankToUndefined, z.string().trim().min(1).max(max).optional());
}

/** A checkbox: `1` when ticked, absent otherwise. */
export const flagSchema = z.preprocess(blankToUndefined, z.literal('1').optional()).transform((value) => value === '1');

export const searchSchema = z.string().trim().max(200).optional().default('');
export const pageSchema = z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).default(1));

export function sortSchema<const T extends readonly [string, ...string[]]>(columns: T, fallback: T[number]) {
  return z.preprocess(blankToUndefined, z.enum(columns).default(fallback));
}

export const directionSchema = optionalChoice(SORT_DIRECTIONS);

/** `a,b` (or the parameter repeated) as a list without repeats; absent or blank is none. */
function listOfNames(value: unknown): unknown {
  const text = Array.isArray(value) ? value.join(',') : value;
  if (typeof text !== 'string') return text === undefined ? [] : text;
  return [...new Set(text.split(',').map((name) => name.trim()))].filter((name) => name !== '');
}

/** The optional columns a person chose to show, from `cols=a,b`. */
export function columnsSchema<const T extends readonly [string, ...string[]]>(columns: T) {
  return z.preprocess(listOfNames, z.array(z.enum(columns)));
}

/** The optional columns a table shows: those chosen, and always the one it is sorted by. */
export function shownColumns<C extends string>(chosen: readonly C[], optional: readonly C[], sort: string): Set<C> {
  const shown = new Set(chosen);
  const sorted = optional.find((column) => column === sort);
  if (sorted) shown.add(sorted);
  return shown;
}

export function columnsParam(chosen: readonly string[]): string | undefined {
  return chosen.length > 0 ? chosen.join(',') : undefined;
}

export const nhiFilterSchema = z
  .object({
    q: searchSchema,
    kind: optionalChoice(NHI_KINDS),
    system: optionalText(100),
    environment: optionalText(100),
    status: optionalChoice(NHI_STATUSES),
    sponsor: optionalText(64),
    borrowed: flagSchema,
    orphaned: flagSchema,
    sort: sortSchema(Object.keys(NHI_SORTS) as [NhiSort, ...NhiSort[]], DEFAULT_NHI_SORT),
    dir: directionSchema,
    cols: columnsSchema(NHI_OPTIONAL_COLUMNS),
    page: pageSchema,
  })
  .transform((filter) => ({ ...filter, dir: filter.dir ?? NHI_SORTS[filter.sort] }));

export type NhiFilter = z.output<typeof nhiFilterSchema>;

/** Drops empty values so that links carry only the state that differs from the defaults. */
export function compactParams(params: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}

export function sortParams<S extends string>(
  filter: { sort: S; dir: SortDirection },
  sorts: Record<S, SortDirection>,
  defaultSort: S,
): Record<string, string | undefined> {
  return {
    sort: filter.sort === defaultSort ? undefined : filter.sort,
    dir: filter.dir === sorts[filter.sort] ? undefined : filter.dir,
  };
}

/** The direction a column's header links to: the other way round when it is the current sort. */
export function nextDirection<S extends string>(
  filter: { sort: S; dir: SortDirection },
  column: S,
  sorts: Record<S, SortDirection>,
): SortDirection {
  if (filter.sort !== column) return sorts[column];
  return filter.dir === 'asc' ? 'desc' : 'asc';
}

/** The filter as URL params, without the page: for pagination, sort links and the export link (which ignores `cols`). */
export function nhiFilterParams(filter: NhiFilter): Record<string, string> {
  return compactParams({
    q: filter.q,
    kind: filter.kind,
    system: filter.system,
    environment: filter.environment,
    status: filter.status,
    sponsor: filter.sponsor,
    borrowed: filter.borrowed ? '1' : undefined,
    orphaned: filter.orphaned ? '1' : undefined,
    ...sortParams(filter, NHI_SORTS, DEFAULT_NHI_SORT),
    cols: columnsParam(filter.cols),
  });
}

/** Whether anything narrows the list (sorting and paging do not). */
export function narrowsNhis(filter: NhiFilter): boolean {
  const { q, kind, system, environment, status, sponsor, borrowed, orphaned } = filter;
  return Boolean(q || kind || system || environment || status || sponsor || borrowed || orphaned);
}

const SEVERITY_BY_RANK: readonly (Severity | null)[] = [null, 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** The severity an NHI's `highestSeverityRank` stands for; null when it has no open finding. */
export function severityOfRank(rank: number): Severity | null {
  return SEVERITY_BY_RANK[rank] ?? null;
}

/** An NHI id from a URL: anything else is simply an identity that does not exist. */
export const nhiIdSchema = z.string().min(1).max(64);
