import { z } from 'zod';

/**
 * The time range of an evidence pack: a day means that whole UTC day (so `to=2026-05-01` includes all of May 1st);
 * a date and time is taken as it is, `to` inclusive. Pure, so the page's form and the API share it.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

function isRealDay(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function isMoment(value: string): boolean {
  return DAY.test(value) ? isRealDay(value) : DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

function moment(which: 'start' | 'end') {
  return z
    .string({ error: `Give the ${which} of the range.` })
    .trim()
    .min(1, `Give the ${which} of the range.`)
    .refine(
      isMoment,
      `Give the ${which} as a day (YYYY-MM-DD, UTC) or a date and time with its offset (2026-05-01T09:30:00Z).`,
    );
}

export type EvidenceRange = {
  /** As asked for. */
  from: string;
  to: string;
  /** The instants the range covers: start <= recordedAt < endExclusive, ISO 8601 UTC. */
  start: string;
  endExclusive: string;
};

export function resolveRange(from: string, to: string): EvidenceRange {
  const start = DAY.test(from) ? Date.parse(`${from}T00:00:00Z`) : Date.parse(from);
  const endExclusive = DAY.test(to) ? Date.parse(`${to}T00:00:00Z`) + DAY_MS : Date.parse(to) + 1;
  return { from, to, start: new Date(start).toISOString(), endExclusive: new Date(endExclusive).toISOString() };
}

/** An object schema with a valid `from`/`to` range beside the other fields given. */
export function withRange<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object({ from: moment('start'), to: moment('end'), ...shape }).refine(
    (fields) => {
      const { from, to } = fields as { from: string; to: string };
      if (!isMoment(from) || !isMoment(to)) return true;
      const range = resolveRange(from, to);
      return range.start < range.endExclusive;
    },
    { message: 'The start must come before the end.', path: ['to'] },
  );
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The page's default: the last 30 UTC days, today included. */
export function defaultRange(now: Date): { from: string; to: string } {
  return { from: utcDay(new Date(now.getTime() - 29 * DAY_MS)), to: utcDay(now) };
}
