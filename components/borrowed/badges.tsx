import { Badge } from '@/components/ui/badge';
import { CASE_STATUS, CONFIDENCE } from './labels';
import type { CaseConfidence, CaseStatus } from './types';

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const { label, tone, meaning } = CASE_STATUS[status];
  return (
    <span title={meaning}>
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}

export function ConfidenceBadge({ confidence }: { confidence: CaseConfidence }) {
  const { label, tone, meaning } = CONFIDENCE[confidence];
  return (
    <span title={meaning}>
      <Badge tone={tone}>{label} confidence</Badge>
    </span>
  );
}
