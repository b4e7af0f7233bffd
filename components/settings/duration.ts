export type DurationUnit = 'minutes' | 'hours';

export const UNIT_SECONDS: Record<DurationUnit, number> = { minutes: 60, hours: 3600 };

/** Whole hours when the duration is a whole number of hours, else minutes: what the policy form shows. */
export function durationParts(seconds: number): { amount: string; unit: DurationUnit } {
  if (seconds % 3600 === 0) return { amount: String(seconds / 3600), unit: 'hours' };
  return { amount: String(Math.round((seconds / 60) * 100) / 100), unit: 'minutes' };
}

export function formatDuration(seconds: number): string {
  const { amount, unit } = durationParts(seconds);
  return `${amount} ${amount === '1' ? unit.slice(0, -1) : unit}`;
}
