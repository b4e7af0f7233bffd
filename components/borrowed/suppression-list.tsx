'use client';

import { useActionState, useCallback, useState, type ReactNode } from 'react';
import { ShieldOff } from 'lucide-react';
import type { SuppressionView } from '@/lib/borrowed/suppressions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmButtons, ConfirmDialog } from '@/components/people/confirm-dialog';
import { useActionToast } from '@/components/people/use-action-toast';
import type { FormAction } from './case-actions';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { utcDate } from './time';

const MATCH_LABELS: Record<keyof SuppressionView['match'], string> = {
  credential: 'Credential',
  human: 'Person',
  agent: 'Agent',
  source: 'Source',
};

function standing(suppression: SuppressionView): ReactNode {
  if (suppression.active) return <Badge tone="warning">In force</Badge>;
  if (suppression.liftedAt) return <Badge>Lifted {utcDate(suppression.liftedAt)}</Badge>;
  return <Badge>Ended</Badge>;
}

/**
 * Every suppression, those in force first: what it matches, why, until when, and how many cases it turns off.
 * The list holds the lift's outcome itself, since a lifted row loses its button.
 */
export function SuppressionList({
  suppressions,
  liftAction,
}: {
  suppressions: SuppressionView[];
  liftAction: FormAction | null;
}) {
  const [lifting, setLifting] = useState<SuppressionView | null>(null);
  const close = useCallback(() => setLifting(null), []);
  const [state, lift, pending] = useActionState(liftAction ?? (async () => null), null);
  useActionToast(state, close);
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
                  {standing(suppression)}
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
              {liftAction && suppression.active ? (
                <Button variant="secondary" size="sm" onClick={() => setLifting(suppression)}>
                  Lift
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={lifting !== null}
        onCancel={close}
        title="Lift this suppression?"
        description="The cases it matches count as flags again from now on."
      >
        <form action={lift}>
          <input type="hidden" name="id" value={lifting?.id ?? ''} />
          {state && !state.ok ? (
            <p role="alert" className="mt-3 text-sm text-red-700">
              {state.message}
            </p>
          ) : null}
          <ConfirmButtons label="Lift" pending={pending} />
        </form>
      </ConfirmDialog>
    </Card>
  );
}
