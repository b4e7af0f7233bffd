import type { Severity } from '@/lib/db/generated/sqlite/enums';
import { Badge, type Tone } from '@/components/ui/badge';

const SEVERITY_STYLE: Record<Severity, { label: string; tone: Tone; className?: string }> = {
  LOW: { label: 'Low', tone: 'info' },
  MEDIUM: { label: 'Medium', tone: 'warning' },
  HIGH: { label: 'High', tone: 'danger' },
  CRITICAL: { label: 'Critical', tone: 'danger', className: 'bg-red-700 text-white ring-red-700' },
};

/** A finding's severity; a dash when there is none. */
export function SeverityBadge({ severity }: { severity: Severity | null }) {
  if (!severity) return <span className="text-slate-400">—</span>;
  const { label, tone, className } = SEVERITY_STYLE[severity];
  return (
    <Badge tone={tone} className={className}>
      {label}
    </Badge>
  );
}
