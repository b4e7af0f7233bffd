import type { Attribution } from '@/lib/db/generated/sqlite/enums';

/** One color and one label per attribution, everywhere in Steward. */
export const ATTRIBUTION_STYLE: Record<Attribution, { label: string; color: string }> = {
  HUMAN: { label: 'Human', color: '#3b6ef5' },
  AGENT_DELEGATED: { label: 'Agent, delegated', color: '#10b981' },
  AGENT_AUTONOMOUS: { label: 'Agent, autonomous', color: '#8b5cf6' },
  AGENT_BORROWED: { label: 'Agent, borrowed credential', color: '#e11d48' },
  UNKNOWN: { label: 'Unknown', color: '#94a3b8' },
};
