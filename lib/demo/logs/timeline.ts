import { DAY_MS, HOUR_MS, MINUTE_MS, type Random } from '../random';

/** When things happen in the demo logs: a person's working days and a program's schedules, all in UTC. */

export type Window = { from: number; to: number };

/** Midnight (UTC) of each Monday-to-Friday in the window. */
export function workdays(window: Window): number[] {
  const days: number[] = [];
  for (let day = Math.ceil(window.from / DAY_MS) * DAY_MS; day < window.to; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

/** `count` instants spread at random between `from` and `to`, in order. */
export function scattered(random: Random, from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, () => from + Math.floor(random.next() * (to - from))).sort((a, b) => a - b);
}

/** A program's pace: about `perHour` calls an hour, each gap within ±40% of the mean, from `from` to `to`. */
export function paced(random: Random, from: number, to: number, perHour: number): number[] {
  const mean = HOUR_MS / perHour;
  const times: number[] = [];
  for (let at = from + Math.floor(random.next() * mean); at < to; at += Math.floor(mean * (0.6 + random.next() * 0.8)))
    times.push(at);
  return times;
}

/** A scheduler's beat: every `minutes`, a few seconds late at most. */
export function everyMinutes(random: Random, from: number, to: number, minutes: number): number[] {
  const times: number[] = [];
  for (let at = from; at < to; at += minutes * MINUTE_MS) times.push(at + random.int(0, 20_000));
  return times;
}

/** One run of a program: `calls` calls a second or two apart, starting at `at`. */
export function run(random: Random, at: number, calls: number): number[] {
  const times: number[] = [];
  let next = at;
  for (let i = 0; i < calls; i += 1) {
    times.push(next);
    next += random.int(300, 2_500);
  }
  return times;
}

/** A person's clicks in a console: `count` actions over about `minutes` minutes, from `start`. */
export function session(random: Random, start: number, minutes: number, count: number): number[] {
  return scattered(random, start, start + minutes * MINUTE_MS, count);
}

/** A time of day on `day`, as hours after midnight (fractions allowed), with up to `jitterMinutes` either way. */
export function at(random: Random, day: number, hours: number, jitterMinutes = 0): number {
  return day + Math.round(hours * HOUR_MS) + random.int(-jitterMinutes, jitterMinutes) * MINUTE_MS;
}

export function iso(time: number): string {
  return new Date(time).toISOString();
}

/** ISO 8601 without milliseconds, as CloudTrail writes eventTime. */
export function isoSeconds(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An ISO time with a seven-digit fraction, as Entra writes it. */
export function isoTicks(random: Random, time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}${random.int(0, 9999).toString().padStart(4, '0')}Z`);
}

/** An ISO time with a nine-digit fraction, as Google Cloud writes it. */
export function isoNanos(random: Random, time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}${random.int(0, 999_999).toString().padStart(6, '0')}Z`);
}
