import { z } from 'zod';
import { plainText } from '../validation';

/**
 * The audit explorer's URL state, shared by the audit page, its charts and `GET /api/v1/audit/events`. Pure, so
 * client components may build links with it.
 */

export const AUDIT_ATTRIBUTIONS = [
  'HUMAN',
  'AGENT_DELEGATED',
  'AGENT_AUTONOMOUS',
  'AGENT_BORROWED',
  'UNKNOWN',
] as const;
export type AuditAttribution = (typeof AUDIT_ATTRIBUTIONS)[number];

export const AUDIT_OUTCOMES = ['SUCCESS', 'FAILURE', 'DENIED'] as const;
export type AuditOutcomeFilter = (typeof AUDIT_OUTCOMES)[number];

/** The parameters in the order the page's addresses carry them. */
export const AUDIT_FILTER_KEYS = [
  'initiator',
  'executor',
  'attribution',
  'source',
  'action',
  'resource',
  'outcome',
  'correlation',
  'scope',
  'credential',
  'from',
  'to',
  'cursor',
  'seq',
] as const;

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

function text(what: string, max = 300) {
  return z.preprocess(
    blankToUndefined,
    plainText().trim().min(1, `Give ${what}.`).max(max, `Give ${what} in at most ${max} characters.`).optional(),
  );
}

function choice<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.preprocess(
    blankToUndefined,
    z.enum(values, { error: `Choose ${what} from ${values.join(', ')}.` }).optional(),
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function isRealDay(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function moment(which: 'start' | 'end') {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine(
        (value) => (DAY.test(value) ? isRealDay(value) : DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))),
        `Give the ${which} as a day (YYYY-MM-DD, UTC) or a date and time with its offset (2026-05-01T09:30:00Z).`,
      )
      .optional(),
  );
}

const FILTER_FIELDS = {
  initiator: text('the initiator (an id or a label)'),
  executor: text('the executor (an id or a label)'),
  attribution: choice(AUDIT_ATTRIBUTIONS, 'an attribution'),
  source: text('a source', 100),
  action: text('an action', 200),
  resource: text('a resource', 1000),
  outcome: choice(AUDIT_OUTCOMES, 'an outcome'),
  correlation: text('a correlation id', 200),
  scope: text('a task scope id', 100),
  credential: text('a credential id', 100),
  from: moment('start'),
  to: moment('end'),
  cursor: z.preprocess(blankToUndefined, z.string().max(200, 'That cursor is not one Steward gave.').optional()),
};

const unknownParameters = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys' ? `Unknown parameter: ${issue.keys.join(', ')}.` : undefined,
};

function rangeInOrder(filters: { from?: string; to?: string }): boolean {
  const { from, toExclusive } = auditTimeRange(filters);
  if (!from || !toExclusive || Number.isNaN(from.getTime()) || Number.isNaN(toExclusive.getTime())) return true;
  return from < toExclusive;
}

const rangeMessage = { message: 'The start must come before the end.', path: ['to'] };

export const auditFilterSchema = z
  .strictObject(
    {
      ...FILTER_FIELDS,
      seq: z.preprocess(
        blankToUndefined,
        z.coerce
          .number({ error: 'Give the event number (seq) as a number.' })
          .int('Give the event number (seq) as a whole number.')
          .min(1, 'Event numbers start at 1.')
          .max(Number.MAX_SAFE_INTEGER, 'That event number is too large.')
          .optional(),
      ),
    },
    unknownParameters,
  )
  .refine(rangeInOrder, rangeMessage);

export const AUDIT_API_DEFAULT_LIMIT = 1000;
export const AUDIT_API_MAX_LIMIT = 10_000;

/** `GET /api/v1/audit/events`: the page's filters and cursor, a page size and the output format. */
export const auditApiQuerySchema = z
  .strictObject(
    {
      ...FILTER_FIELDS,
      limit: z.preprocess(
        blankToUndefined,
        z.coerce
          .number({ error: 'Give the page size as a number.' })
          .int('Give the page size as a whole number.')
          .min(1, 'Ask for at least one event.')
          .max(AUDIT_API_MAX_LIMIT, `Ask for at most ${AUDIT_API_MAX_LIMIT} events a page.`)
          .default(AUDIT_API_DEFAULT_LIMIT),
      ),
      format: z.preprocess(
        blankToUndefined,
        z.enum(['native', 'ocsf'], { error: 'Choose the format from native, ocsf.' }).default('native'),
      ),
    },
    unknownParameters,
  )
  .refine(rangeInOrder, rangeMessage);

export type AuditApiQuery = z.output<typeof auditApiQuerySchema>;

export type AuditFilters = z.output<typeof auditFilterSchema>;

/**
 * The time range the filters select: a day means that whole UTC day (so `to=2026-05-01` includes all of May 1st);
 * a date and time is taken as it is, `to` inclusive.
 */
export function auditTimeRange(filters: Pick<AuditFilters, 'from' | 'to'>): { from?: Date; toExclusive?: Date } {
  const range: { from?: Date; toExclusive?: Date } = {};
  if (filters.from) range.from = new Date(DAY.test(filters.from) ? `${filters.from}T00:00:00Z` : filters.from);
  if (filters.to) {
    range.toExclusive = DAY.test(filters.to)
      ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000)
      : new Date(Date.parse(filters.to) + 1);
  }
  return range;
}

/** The audit page's address for these filters (empty ones left out, in a stable order). */
export function auditHref(filters: Partial<AuditFilters>): string {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `/audit?${query}` : '/audit';
}
