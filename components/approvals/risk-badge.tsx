import type { RiskAssessment } from '@/lib/scopes/risk';
import { Badge, type Tone } from '@/components/ui/badge';

const LEVELS: Record<RiskAssessment['level'], { label: string; tone: Tone }> = {
  low: { label: 'Low risk', tone: 'success' },
  medium: { label: 'Medium risk', tone: 'warning' },
  high: { label: 'High risk', tone: 'danger' },
};

/** The level and score at a glance; the factors behind them on hover and for screen readers. */
export function RiskBadge({ risk }: { risk: Pick<RiskAssessment, 'level' | 'score' | 'factors'> }) {
  const { label, tone } = LEVELS[risk.level];
  return (
    <Badge tone={tone} className="tabular-nums">
      <span title={risk.factors.length > 0 ? risk.factors.join('\n') : undefined}>
        {label} · {risk.score}
      </span>
    </Badge>
  );
}

/** Why a scope scored as it did, in words: "changes state (github:pulls.merge), production resources". */
export function RiskFactors({ factors }: { factors: string[] }) {
  if (factors.length === 0) return <span className="text-slate-500">Read-only, narrow and short-lived.</span>;
  const text = factors.join(' · ');
  return <span className="text-slate-600">{text.charAt(0).toUpperCase() + text.slice(1)}</span>;
}
