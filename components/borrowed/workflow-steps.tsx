import { Check } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import { CASE_STATUS, CASE_STATUSES } from './labels';
import type { CaseStatus } from './types';

/** Where a case stands on its way from open to resolved. */
export function WorkflowSteps({ status }: { status: CaseStatus }) {
  const current = CASE_STATUSES.indexOf(status);
  return (
    <ol className="flex flex-wrap items-center gap-x-2 gap-y-2" aria-label="Remediation steps">
      {CASE_STATUSES.map((step, index) => {
        const done = index < current || status === 'RESOLVED';
        const here = index === current;
        return (
          <li key={step} className="flex items-center gap-2" aria-current={here ? 'step' : undefined}>
            {index > 0 ? (
              <span className={cn('hidden h-px w-8 sm:block', done || here ? 'bg-brand-500' : 'bg-slate-300')} />
            ) : null}
            <span
              className={cn(
                'flex size-6 items-center justify-center rounded-full text-xs font-semibold',
                done
                  ? 'bg-brand-600 text-on-accent'
                  : here
                    ? 'ring-2 ring-brand-500 text-brand-700'
                    : 'ring-1 ring-slate-300 text-slate-500',
              )}
            >
              {done ? <Check className="size-3.5" aria-hidden /> : index + 1}
            </span>
            <span className={cn('text-sm', here ? 'font-semibold text-slate-900' : 'text-slate-600')}>
              {CASE_STATUS[step].label}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
