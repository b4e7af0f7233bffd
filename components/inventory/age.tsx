const DAY_MS = 86_400_000;

function count(value: number, unit: string): string {
  return `${value} ${unit}${value === 1 ? '' : 's'}`;
}

/** How long ago something began, in the one unit that reads best: "12 days", "5 months", "2 years". */
export function formatAge(since: Date, now = new Date()): string {
  const days = Math.floor((now.getTime() - since.getTime()) / DAY_MS);
  if (days < 1) return 'Under a day';
  if (days < 60) return count(days, 'day');
  if (days < 730) return count(Math.floor(days / 30), 'month');
  return count(Math.floor(days / 365), 'year');
}

/** A credential's age, with the exact issue time on hover. */
export function Age({ since }: { since: Date }) {
  return (
    <time dateTime={since.toISOString()} title={`Issued ${since.toISOString().replace('T', ' ').slice(0, 16)} UTC`}>
      {formatAge(since)}
    </time>
  );
}
