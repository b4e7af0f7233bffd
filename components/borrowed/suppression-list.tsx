import type { ReactNode } from 'react';
import { ShieldOff } from 'lucide-react';
import type { SuppressionView } from '@/lib/borrowed/suppressions';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { utcDate } from './time';

const MATCH_LABELS: Record<keyof SuppressionView['match'], string> = {
  credential: 'Credential',
  human: 'Person',
  agent: 'Agent',
  source: 'Source',
};

function state(suppression: SuppressionView): ReactNode {
  if (suppression.active) return <Badge tone="warning">In force</Badge>;
  if (suppression.liftedAt) return <Badge>Lifted {utcDate(suppression.liftedAt)}</Badge>;
  return <Badge>Ended</Badge>;
}

/** Every suppression, those in force first: what it matches, why, until when, and how many cases it turns off. */
export function SuppressionList({
  suppressions,
  liftFor,
}: {
  suppressions: SuppressionView[];
  liftFor: (suppression: SuppressionView) => ReactNode;
}) {
  return (
    <Card>
      <CardHeader
        title="Suppressions"
        description="Matching cases stay listed as informational while one is in force."
      />
      {suppressions.length === 0 ? (
        <EmptyState icon={ShieldOff} title="No suppression">
          Every case Steward finds counts as a flag.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {suppressions.map((suppression) => (
            <li key={suppression.id} className="flex flex-wrap items-start gap-4 px-5 py-4" data-testid="suppression">
              <div className="min-w-0 flex-1 space-y-1.5">
                <div className="flex flex-wrap items-center gap-2">
                  {state(suppression)}
                  <span className="text-sm text-slate-600">
                    until {utcDate(suppression.expiresAt)} ·{' '}
                    {suppression.cases === 1 ? '1 case' : `${suppression.cases} cases`}
                  </span>
                </div>
                <p className="text-sm break-words text-slate-900">{suppression.reason}</p>
                <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
                  {(Object.keys(MATCH_LABELS) as (keyof SuppressionView['match'])[]).map((field) =>
                    suppression.match[field] ? (
                      <div key={field} className="flex min-w-0 gap-1">
                        <dt className="text-slate-500">{MATCH_LABELS[field]}</dt>
                        <dd className="font-mono break-all text-slate-800">{suppression.match[field]}</dd>
                      </div>
                    ) : null,
                  )}
                </dl>
                <p className="text-xs text-slate-500">
                  By {suppression.createdBy?.name ?? 'someone no longer in Steward'} on {utcDate(suppression.createdAt)}
                </p>
              </div>
              {suppression.active ? liftFor(suppression) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
