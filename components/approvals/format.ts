const UNITS: [string, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

function count(value: number, unit: string): string {
  return `${value} ${unit}${value === 1 ? '' : 's'}`;
}

/** A length of time in at most its two largest units: "1 hour 30 minutes", "8 hours", "45 seconds". */
export function formatDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(seconds));
  for (const [unit, size] of UNITS) {
    if (rest >= size) {
      parts.push(count(Math.floor(rest / size), unit));
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  if (parts.length === 0) return count(rest, 'second');
  return parts.join(' ');
}

/** How long a grant still lives, rounded down to whole minutes once it has more than one. */
export function formatTimeLeft(expiresAt: Date, now: Date): string {
  const seconds = Math.floor((expiresAt.getTime() - now.getTime()) / 1000);
  if (seconds <= 0) return 'Expired';
  return `${formatDuration(seconds >= 60 ? seconds - (seconds % 60) : seconds)} left`;
}

const TTL_PRESETS = [300, 900, 1_800, 3_600, 7_200, 14_400, 28_800, 86_400];

/**
 * The lifetimes an approver may choose: the longest allowed (what was asked, within the policy's cap) and the
 * usual shorter ones.
 */
export function ttlChoices(requestedSeconds: number, capSeconds: number): number[] {
  const longest = Math.min(requestedSeconds, capSeconds);
  return [longest, ...TTL_PRESETS.filter((preset) => preset < longest).reverse()];
}

export function utcMinute(date: Date): string {
  return `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}

/** A label for a value typed only as a string, or the value itself when no label is known. */
export function labelOf(labels: Readonly<Record<string, string>>, value: string): string {
  return labels[value] ?? value;
}
