import type { Attribution } from '@/lib/db/generated/sqlite/enums';

/** One color and one label per attribution, everywhere in Steward. */
export const ATTRIBUTION_STYLE: Record<Attribution, { label: string; color: string }> = {
  HUMAN: { label: 'Human', color: '#3b6ef5' },
  AGENT_DELEGATED: { label: 'Agent, delegated', color: '#10b981' },
  AGENT_AUTONOMOUS: { label: 'Agent, autonomous', color: '#8b5cf6' },
  AGENT_BORROWED: { label: 'Agent, borrowed credential', color: '#e11d48' },
  UNKNOWN: { label: 'Unknown', color: '#94a3b8' },
};

/** The tooltip is HTML, so it reads the theme's palette directly; the SVG parts are styled in globals.css. */
export const TOOLTIP_STYLE = {
  backgroundColor: 'var(--color-white)',
  border: '1px solid var(--color-slate-200)',
  borderRadius: 6,
  fontSize: 12,
  boxShadow: '0 4px 12px rgb(0 0 0 / 0.12)',
};
export const TOOLTIP_LABEL_STYLE = { color: 'var(--color-slate-900)', fontWeight: 600 };
/** Tooltip rows in the theme's text colour: a series' own colour is too pale to read as text on the surface. */
export const TOOLTIP_ITEM_STYLE = { color: 'var(--color-slate-700)' };

/** A UTC day (YYYY-MM-DD) as an axis label: "Nov 30". */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** Runtime decisions: allowed in green, denied in the borrowed-credential red. */
export const DECISION_STYLE = {
  allow: { label: 'Allowed', color: '#10b981' },
  deny: { label: 'Denied', color: '#e11d48' },
} as const;

/**
 * A heat-map cell's fill, from the surface colour (none) to half the brand colour (the largest): text in the
 * theme's strongest slate stays readable on every cell, in light and dark themes alike.
 */
export function heatFill(count: number, max: number): string {
  if (count <= 0 || max <= 0) return 'transparent';
  const strength = Math.round(8 + (count / max) * 42);
  return `color-mix(in oklch, var(--color-brand-500) ${strength}%, var(--color-white))`;
}

/** The cartesian axes' shared look: small ticks, no tick marks or axis lines (the grid carries the scale). */
export const AXIS_PROPS = { tick: { fontSize: 11 }, tickLine: false, axisLine: false } as const;
