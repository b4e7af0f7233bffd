import type { Metadata } from 'next';
import Link from 'next/link';
import { Activity, Bot, Boxes, KeyRound, ListChecks, Radar, ShieldAlert } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { requirePagePermission } from '@/lib/auth/session';
import { getOverview } from '@/lib/overview/summary';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { AttributionChart } from '@/components/charts/attribution-chart';

export const metadata: Metadata = { title: 'Overview' };

const numberFormat = new Intl.NumberFormat('en-US');

function Stat({
  label,
  value,
  icon: Icon,
  tone = 'text-slate-900',
  hint,
}: {
  label: string;
  value: number;
  icon: LucideIcon;
  tone?: string;
  hint: string;
}) {
  return (
    <Card className="p-4">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-500">{label}</p>
        <Icon className="size-4 text-slate-400" aria-hidden />
      </div>
      <p className={`mt-2 text-2xl font-semibold tabular-nums ${tone}`}>{numberFormat.format(value)}</p>
      <p className="mt-1 text-xs text-slate-500">{hint}</p>
    </Card>
  );
}

export default async function OverviewPage() {
  const actor = await requirePagePermission('overview.read');
  const { scope, counts, series, attributions } = await getOverview(actor);
  const whose = scope === 'sponsored' ? 'you sponsor' : 'in the organisation';
  const hasEvents = series?.some((day) => attributions.some((attribution) => day[attribution] > 0)) ?? false;
  return (
    <>
      <PageHeader
        title="Overview"
        description={
          scope === 'sponsored'
            ? 'The non-human identities you are accountable for, and what waits for your decision.'
            : 'Who acts in your systems: people, agents with their own task-scoped credentials, and agents with borrowed ones.'
        }
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
        <Stat label="Non-human identities" value={counts.nhis} icon={Boxes} hint={`Not decommissioned, ${whose}`} />
        <Stat
          label="AI agents"
          value={counts.agents}
          icon={Bot}
          hint={`${numberFormat.format(counts.shadow)} discovered in logs, not yet triaged`}
        />
        <Stat
          label="Borrowed human credentials"
          value={counts.borrowed}
          icon={ShieldAlert}
          tone={counts.borrowed > 0 ? 'text-rose-700' : 'text-emerald-700'}
          hint="Active credentials of a person, held by an NHI"
        />
        <Stat label="Standing credentials" value={counts.standing} icon={KeyRound} hint="Active and never expiring" />
        <Stat
          label="Scope requests waiting"
          value={counts.pending}
          icon={ListChecks}
          tone={counts.pending > 0 ? 'text-amber-700' : 'text-slate-900'}
          hint="Pending a sponsor's decision"
        />
        <Stat
          label="Audit events in the chain"
          value={counts.events}
          icon={Activity}
          hint="Hash-chained and append-only"
        />
      </div>
      {series ? (
        <Card className="mt-6">
          <CardHeader
            title="Who acted, day by day"
            description="Audit events of the last 90 days by attribution. Red is an agent acting with a person's credential."
            action={
              <Link href="/audit" className="text-sm font-medium text-brand-600 hover:text-brand-700">
                Open the audit trail
              </Link>
            }
          />
          <div className="p-4">
            {hasEvents ? (
              <AttributionChart data={series} attributions={attributions} />
            ) : (
              <EmptyState icon={Radar} title="No audit events yet">
                Events appear here as people sign in, agents request scopes and logs are imported.
              </EmptyState>
            )}
          </div>
        </Card>
      ) : null}
    </>
  );
}
