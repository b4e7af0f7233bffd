import { CircleCheck, CircleMinus, TriangleAlert } from 'lucide-react';
import type { ControlStatus } from '@/lib/evidence/pack-format';
import { Badge, type Tone } from '@/components/ui/badge';

const LOOK: Record<ControlStatus, { tone: Tone; label: string; Icon: typeof CircleCheck }> = {
  met: { tone: 'success', label: 'Met', Icon: CircleCheck },
  gap: { tone: 'danger', label: 'Gap', Icon: TriangleAlert },
  not_applicable: { tone: 'neutral', label: 'Not applicable', Icon: CircleMinus },
};

export function statusLabel(status: ControlStatus): string {
  return LOOK[status].label;
}

/** A control's status in colour, icon and words, so it reads without colour too. */
export function ControlStatusBadge({ status }: { status: ControlStatus }) {
  const { tone, label, Icon } = LOOK[status];
  return (
    <Badge tone={tone} className="gap-1 whitespace-nowrap">
      <Icon className="size-3.5" aria-hidden />
      {label}
    </Badge>
  );
}
