import type { BurnDownDay } from './types';

/**
 * The days worth drawing: from a few days before the first case, so a deployment that began importing last week
 * does not draw three empty months, but never fewer than `minDays`.
 */
export function daysWithHistory(days: BurnDownDay[], minDays: number): BurnDownDay[] {
  const first = days.findIndex((day) => day.open > 0 || day.resolved > 0);
  if (first === -1) return [];
  const lead = 3;
  return days.slice(Math.max(0, Math.min(first - lead, days.length - minDays)));
}
