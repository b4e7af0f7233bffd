import { ChevronRight } from 'lucide-react';
import { ATTRIBUTION_STYLE } from '@/components/charts/palette';
import type { AuditFilters } from '@/lib/audit/explorer-filters';
import { requirePagePermission } from '@/lib/auth/session';
import { loadAuditCharts, MATRIX_SIZE, TOP_PRINCIPALS } from '@/lib/charts/audit-charts';
import { chartCsvHref } from '@/lib/charts/links';
import { ATTRIBUTIONS } from '@/lib/charts/shape';
import { ChartCard, NoChartData } from './chart-card';
import { DecisionsTable, EventsTable, RankingTable, ShareTable } from './data-tables';
import { DecisionsChart } from './decisions-chart';
import { EventsChart } from './events-chart';
import { formatCount } from './format';
import { PairMatrix } from './pair-matrix';
import { RankingChart } from './ranking-chart';
import { ShareChart } from './share-chart';

function longDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * The audit page's charts, read from the daily counters (never from the events): over the filters' days, who
 * asked and what acted, with borrowed credentials and runtime decisions. Each chart element, and each count in
 * the charts' data tables, narrows the audit table below to the events it counts.
 */
export async function AuditCharts({ filters }: { filters: AuditFilters }) {
  const actor = await requirePagePermission('audit.read');
  const data = await loadAuditCharts(actor, filters);
  const csv = (chart: Parameters<typeof chartCsvHref>[0]) => chartCsvHref(chart, filters);
  const anyEvents = data.events.some((day) => ATTRIBUTIONS.some((attribution) => day[attribution] > 0));
  const anyAgentActions = data.borrowedShare.some((day) => day.agentActions > 0);
  const anyDecisions = data.decisions.days.some((day) => day.allow + day.deny > 0);
  return (
    <section aria-labelledby="audit-charts-heading" className="mb-6">
      <details open className="group">
        <summary className="mb-3 grid cursor-pointer list-none grid-cols-[auto_1fr] gap-x-2 [&::-webkit-details-marker]:hidden">
          <ChevronRight
            className="row-span-2 mt-0.5 size-5 text-slate-500 transition-transform group-open:rotate-90"
            aria-hidden
          />
          <h2 id="audit-charts-heading" className="text-base font-semibold text-slate-900">
            Activity, {longDay(data.range.from)} – {longDay(data.range.to)}
          </h2>
          <span className="mt-0.5 text-sm text-slate-500">
            {data.range.clamped
              ? `The last ${data.range.days} days of the chosen range, `
              : `${data.range.days} days, `}
            in UTC, from daily counts. Select a bar or a cell, or a count in a data table, to narrow the events below;
            the charts follow the time range only.
          </span>
        </summary>
        <div className="grid gap-4 lg:grid-cols-2 xl:grid-cols-3">
          <ChartCard
            id="audit-chart-events"
            className="lg:col-span-2"
            title="Events by attribution"
            description={`Audit events per day by who acted: a person, an agent on a person's behalf (delegated), an agent on its own, or an agent using a person's credential (borrowed, as detection marks it).`}
            csvHref={csv('events')}
            table={anyEvents ? <EventsTable data={data.events} filters={filters} /> : undefined}
          >
            {anyEvents ? (
              <EventsChart data={data.events} filters={filters} />
            ) : (
              <NoChartData>No audit events in this range.</NoChartData>
            )}
          </ChartCard>
          <ChartCard
            id="audit-chart-borrowed-share"
            title="Borrowed-credential share"
            description="Of the actions agents carried out each day (delegated, autonomous or borrowed), the share done with a person's credential. It should fall to zero."
            csvHref={csv('borrowed-share')}
            table={anyAgentActions ? <ShareTable data={data.borrowedShare} filters={filters} /> : undefined}
          >
            {anyAgentActions ? (
              <ShareChart data={data.borrowedShare} filters={filters} />
            ) : (
              <NoChartData>No agent actions in this range.</NoChartData>
            )}
          </ChartCard>
          <ChartCard
            id="audit-chart-decisions"
            title="Runtime decisions"
            description="Task-token checks per day, allowed and denied; the tooltip and the data table give the reasons for denials."
            csvHref={csv('decisions')}
            table={
              anyDecisions ? (
                <DecisionsTable data={data.decisions.days} reasons={data.decisions.reasons} filters={filters} />
              ) : undefined
            }
          >
            {anyDecisions ? (
              <DecisionsChart data={data.decisions.days} filters={filters} />
            ) : (
              <NoChartData>No runtime decisions in this range.</NoChartData>
            )}
          </ChartCard>
          <ChartCard
            id="audit-chart-initiators"
            title="Top people asking"
            description={`The ${TOP_PRINCIPALS} people who initiated the most events, whoever carried them out.`}
            csvHref={csv('initiators')}
            table={
              data.initiators.length > 0 ? (
                <RankingTable
                  data={data.initiators}
                  side="initiator"
                  caption="People who initiated the most events"
                  filters={filters}
                />
              ) : undefined
            }
          >
            {data.initiators.length > 0 ? (
              <RankingChart
                data={data.initiators}
                side="initiator"
                color={ATTRIBUTION_STYLE.HUMAN.color}
                label="People who initiated the most events"
                filters={filters}
              />
            ) : (
              <NoChartData>No events initiated by a person in this range.</NoChartData>
            )}
          </ChartCard>
          <ChartCard
            id="audit-chart-executors"
            title="Top agents acting"
            description={`The ${TOP_PRINCIPALS} non-human identities (agents, service accounts, pipelines) that carried out the most events.`}
            csvHref={csv('executors')}
            table={
              data.executors.length > 0 ? (
                <RankingTable
                  data={data.executors}
                  side="executor"
                  caption="Non-human identities that carried out the most events"
                  filters={filters}
                />
              ) : undefined
            }
          >
            {data.executors.length > 0 ? (
              <RankingChart
                data={data.executors}
                side="executor"
                color={ATTRIBUTION_STYLE.AGENT_AUTONOMOUS.color}
                label="Non-human identities that carried out the most events"
                filters={filters}
              />
            ) : (
              <NoChartData>No events carried out by a non-human identity in this range.</NoChartData>
            )}
          </ChartCard>
          <ChartCard
            id="audit-chart-matrix"
            className="lg:col-span-2 xl:col-span-3"
            title="Who drove which agent"
            description={`Events a person asked for and a non-human identity carried out: the busiest pairs, at most ${MATRIX_SIZE} people by ${MATRIX_SIZE} identities; darker cells hold more.${data.matrix.outside > 0 ? ` ${formatCount(data.matrix.outside)} more events fall outside these rows and columns.` : ''}`}
            csvHref={csv('matrix')}
          >
            {data.matrix.initiators.length > 0 ? (
              <PairMatrix matrix={data.matrix} filters={filters} />
            ) : (
              <NoChartData>No events a person asked a non-human identity to carry out in this range.</NoChartData>
            )}
          </ChartCard>
        </div>
      </details>
    </section>
  );
}
