import type { Metadata } from 'next';
import Link from 'next/link';
import { Radar } from 'lucide-react';
import { requirePagePermission } from '@/lib/auth/session';
import { getOverview } from '@/lib/overview/summary';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { AttributionChart } from '@/components/charts/attribution-chart';
import { GovernanceSection } from '@/components/metrics/governance-section';
import { AttentionList } from '@/components/overview/attention-list';
import { OverviewCards } from '@/components/overview/overview-cards';
import { OverviewQuestions } from '@/components/overview/questions';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const actor = await requirePagePermission('overview.read');
  const overview = await getOverview(actor);
  const { scope, cards, attention, events, series, attributions, governance } = overview;
  const sponsored = scope === 'sponsored';
  const hasEvents = series?.some((day) => attributions.some((attribution) => day[attribution] > 0)) ?? false;
  return (
    <>
      <PageHeader
        title="Overview"
        description={
          sponsored
            ? 'The non-human identities you are accountable for, and what waits for your decision.'
            : 'Who acts in your systems: people, agents with their own task-scoped credentials, and agents with borrowed ones.'
        }
      />
      <OverviewQuestions overview={overview} />
      <AttentionList
        items={attention}
        whose={sponsored ? 'on the identities you sponsor' : 'across the organisation'}
      />
      <OverviewCards cards={cards} events={events} />
      <GovernanceSection metrics={governance} sponsored={sponsored} />
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
