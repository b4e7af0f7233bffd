export const DAY_MS = 86_400_000;

/** The UTC day (YYYY-MM-DD) a moment falls in. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The start of a UTC day, as a moment. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The last `count` UTC days, oldest first, ending with the day of `now`. */
export function lastDays(count: number, now = new Date()): string[] {
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, index) => dayOf(new Date(end - (count - 1 - index) * DAY_MS)));
}
