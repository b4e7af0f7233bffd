/** Times of log events, always in UTC: a case's evidence comes from systems in every time zone. */

export function utcDateTime(iso: string): string {
  return `${iso.replace('T', ' ').slice(0, 19)} UTC`;
}

export function utcDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

export function utcTime(iso: string): string {
  return iso.slice(11, 19);
}
