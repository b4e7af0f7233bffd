/** How the governance figures read, in the charts, their tables and their CSV alike. */

export type MetricUnit = 'count' | 'minutes' | 'percent';

const countFormat = new Intl.NumberFormat('en-US');
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** A duration in minutes as people say it: "45 min", "3.5 h", "2.1 days". */
export function formatMinutes(minutes: number): string {
  if (minutes < 120) return `${oneDecimal.format(minutes)} min`;
  if (minutes < 48 * 60) return `${oneDecimal.format(minutes / 60)} h`;
  return `${oneDecimal.format(minutes / (24 * 60))} days`;
}

export function formatValue(value: number | null, unit: MetricUnit): string {
  if (value === null) return 'no data';
  if (unit === 'minutes') return formatMinutes(value);
  if (unit === 'percent') return `${oneDecimal.format(value)}%`;
  return countFormat.format(value);
}

/** The short form for an axis tick. */
export function formatTick(value: number, unit: MetricUnit): string {
  if (unit === 'minutes') {
    if (value < 60 || value % 60 !== 0) return `${Math.round(value)}m`;
    return value < 2880 || value % 1440 !== 0 ? `${value / 60}h` : `${value / 1440}d`;
  }
  if (unit === 'percent') return `${Math.round(value)}%`;
  return new Intl.NumberFormat('en-US', { notation: 'compact' }).format(value);
}

const MINUTE_STEPS = [1, 5, 10, 15, 30, 60, 120, 240, 360, 720, 1440, 2880, 10080];

/** Axis ticks for durations on whole minutes, hours or days, at most five of them above zero. */
export function minuteTicks(max: number): number[] {
  const step = MINUTE_STEPS.find((candidate) => max / candidate <= 5) ?? Math.ceil(max / 5);
  const top = Math.max(step, Math.ceil(max / step) * step);
  return Array.from({ length: top / step + 1 }, (_, index) => index * step);
}
