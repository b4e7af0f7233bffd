import Link from 'next/link';
import type { ControlResult, ControlStatus } from '@/lib/evidence/pack-format';
import { Card, CardHeader } from '@/components/ui/card';
import { ControlStatusBadge } from './status-badge';

function countsOf(controls: readonly ControlResult[]): Record<ControlStatus, number> {
  const counts: Record<ControlStatus, number> = { met: 0, gap: 0, not_applicable: 0 };
  for (const control of controls) counts[control.status] += 1;
  return counts;
}

export function statusSummary(controls: readonly ControlResult[]): string {
  const counts = countsOf(controls);
  return `${counts.met} met, ${counts.gap} ${counts.gap === 1 ? 'gap' : 'gaps'}, ${counts.not_applicable} not applicable`;
}

function ControlItem({ control }: { control: ControlResult }) {
  const headingId = `control-${control.id.replace(/[^A-Za-z0-9]+/g, '-')}`;
  return (
    <li className="px-5 py-4">
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1.5">
        <h3 id={headingId} className="min-w-0 text-sm font-medium text-slate-900">
          <span className="font-mono text-slate-600">{control.id}</span> {control.title}
        </h3>
        <ControlStatusBadge status={control.status} />
      </div>
      <p className="mt-1.5 text-sm break-words text-slate-600">{control.rationale}</p>
      {control.evidence.length > 0 ? (
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={`Evidence for ${control.id}`}>
          {control.evidence.map((link) => (
            <li key={link.href}>
              <Link href={link.href} className="text-brand-700 underline-offset-2 hover:underline">
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The controls of each framework, in the order given, each with its status, rationale and evidence. */
export function ControlGroups({
  frameworks,
  controls,
}: {
  frameworks: readonly string[];
  controls: readonly ControlResult[];
}) {
  return (
    <div className="space-y-6">
      {frameworks.map((framework) => {
        const inFramework = controls.filter((control) => control.framework === framework);
        if (inFramework.length === 0) return null;
        return (
          <Card key={framework}>
            <CardHeader title={framework} description={statusSummary(inFramework)} />
            <ul className="divide-y divide-slate-100">
              {inFramework.map((control) => (
                <ControlItem key={control.id} control={control} />
              ))}
            </ul>
          </Card>
        );
      })}
    </div>
  );
}
