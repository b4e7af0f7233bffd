/** An instant as the audit trail shows it: UTC, to the second, the same on server and client. */
export function utcTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
