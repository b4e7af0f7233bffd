import type { Attribution } from '@/lib/db/generated/sqlite/enums';
import { ATTRIBUTION_STYLE } from '@/components/charts/palette';
import { Badge, type Tone } from '@/components/ui/badge';

/** The badge tones closest to the charts' colors (there is no violet tone, hence the one override). */
const ATTRIBUTION_BADGES: Record<Attribution, { tone: Tone; className?: string }> = {
  HUMAN: { tone: 'brand' },
  AGENT_DELEGATED: { tone: 'success' },
  AGENT_AUTONOMOUS: { tone: 'neutral', className: 'bg-violet-50 text-violet-800 ring-violet-200' },
  AGENT_BORROWED: { tone: 'danger' },
  UNKNOWN: { tone: 'neutral' },
};

/** Who acted, in the words and colors the charts use. */
export function AttributionBadge({ attribution }: { attribution: Attribution }) {
  const { tone, className } = ATTRIBUTION_BADGES[attribution];
  return (
    <Badge tone={tone} className={className}>
      {ATTRIBUTION_STYLE[attribution].label}
    </Badge>
  );
}
