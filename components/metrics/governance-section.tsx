import type { GovernanceMetrics } from '@/lib/metrics/governance';
import { TURNAROUND_WINDOW_DAYS } from '@/lib/metrics/governance';
import { Card, CardHeader } from '@/components/ui/card';
import { MetricPanel } from './metric-panel';

const COLORS = {
  standing: '#f59e0b',
  taskScoped: '#10b981',
  open: '#e11d48',
  resolved: '#10b981',
  median: '#3b6ef5',
  p90: '#8b5cf6',
  lifetime: '#3b6ef5',
  orphaned: '#e11d48',
} as const;

/** The governance trends of the last 90 days, each with its numbers and CSV. */
export function GovernanceSection({ metrics, sponsored }: { metrics: GovernanceMetrics; sponsored: boolean }) {
  return (
    <Card className="mt-6">
      <CardHeader
        title="Governance trends"
        description={
          sponsored
            ? 'The last 90 days of the identities you sponsor, today up to now.'
            : 'The last 90 days across the organisation, today up to now.'
        }
      />
      <div className="grid grid-cols-1 gap-px overflow-hidden rounded-b-lg bg-slate-100 lg:grid-cols-2 lg:[&>*:last-child:nth-child(odd)]:col-span-2">
        <MetricPanel
          id="credentials"
          title="Standing vs task-scoped credentials"
          description="Credentials active at some time each day: standing ones (anything but a task token), and the task tokens of approved scopes, which live minutes or hours."
          data={metrics.credentials}
          unit="count"
          series={[
            { key: 'standing', label: 'Standing', color: COLORS.standing },
            { key: 'taskScoped', label: 'Task-scoped', color: COLORS.taskScoped },
          ]}
        />
        <MetricPanel
          id="burn-down"
          title="Borrowed-credential burn-down"
          description="Flagged cases of agents using a person's credential, open at the end of each day; the line should fall to zero."
          data={metrics.burnDown}
          unit="count"
          series={[
            { key: 'open', label: 'Open cases', color: COLORS.open, area: true },
            { key: 'resolved', label: 'Resolved that day', color: COLORS.resolved },
          ]}
        />
        <MetricPanel
          id="turnaround"
          title="Approval turnaround"
          description={`From a scope request to its decision, over the decisions of the ${TURNAROUND_WINDOW_DAYS} days ending each day.`}
          data={metrics.turnaround}
          unit="minutes"
          series={[
            { key: 'medianMinutes', label: 'Median', color: COLORS.median },
            { key: 'p90Minutes', label: '90th percentile', color: COLORS.p90 },
          ]}
          extra={[{ key: 'decisions', label: 'Decisions', color: COLORS.median }]}
        />
        <MetricPanel
          id="grant-lifetime"
          title="Mean grant lifetime"
          description="From approval to the end of a grant (completed, revoked or expired), for the grants that ended each day."
          data={metrics.grantLifetime}
          unit="minutes"
          series={[{ key: 'meanMinutes', label: 'Mean lifetime', color: COLORS.lifetime, dots: true }]}
          extra={[{ key: 'grants', label: 'Grants ended', color: COLORS.lifetime }]}
        />
        <MetricPanel
          id="orphaned"
          title="Orphaned identities"
          description={
            sponsored
              ? 'Identities without an active sponsor: recorded daily for the organisation, so you see today only.'
              : 'Identities without an active sponsor, as recorded each day; days before the first record are gaps.'
          }
          data={metrics.orphaned}
          unit="count"
          series={[{ key: 'orphaned', label: 'Orphaned', color: COLORS.orphaned, dots: true }]}
        />
      </div>
    </Card>
  );
}
