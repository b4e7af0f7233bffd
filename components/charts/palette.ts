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

/** A UTC day (YYYY-MM-DD) as an axis label: "Nov 30". */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
