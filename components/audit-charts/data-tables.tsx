import Link from 'next/link';
import { ATTRIBUTION_STYLE, shortDay } from '@/components/charts/palette';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import type { AuditFilters } from '@/lib/audit/explorer-filters';
import { dayFilters, decisionFilters, narrowedHref } from '@/lib/charts/links';
import {
  ATTRIBUTIONS,
  type BorrowedShareDay,
  type DailyAttribution,
  type DecisionDay,
  type RankedPrincipal,
  type ReasonTotal,
} from '@/lib/charts/shape';
import { formatCount, formatShare } from './format';
import { reasonLabel } from './reasons';

const LINK = 'text-brand-700 hover:underline';

/** A count that opens the events it counts; zero opens nothing. */
function CountLink({ count, href, label }: { count: number; href: string; label: string }) {
  if (count === 0) return <span className="text-slate-500">0</span>;
  return (
    <Link href={href} className={LINK} aria-label={`${formatCount(count)} ${label}`}>
      {formatCount(count)}
    </Link>
  );
}

function Day({ day }: { day: string }) {
  return (
    <Td className="whitespace-nowrap">
      <time dateTime={day}>{shortDay(day)}</time>
    </Td>
  );
}

/** Each day with events, its counts by attribution; days without events are left out. */
export function EventsTable({ data, filters }: { data: DailyAttribution[]; filters: AuditFilters }) {
  const days = data.filter((day) => ATTRIBUTIONS.some((attribution) => day[attribution] > 0));
  return (
    <Table caption="Audit events per day by attribution">
      <thead>
        <tr>
          <Th>Day</Th>
          {ATTRIBUTIONS.map((attribution) => (
            <Th key={attribution} className="text-right">
              {ATTRIBUTION_STYLE[attribution].label}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {days.map((day) => (
          <Tr key={day.day}>
            <Day day={day.day} />
            {ATTRIBUTIONS.map((attribution) => (
              <Td key={attribution} className="text-right tabular-nums">
                <CountLink
                  count={day[attribution]}
                  href={narrowedHref(filters, { ...dayFilters(day.day), attribution })}
                  label={`${ATTRIBUTION_STYLE[attribution].label.toLowerCase()} events on ${shortDay(day.day)}`}
                />
              </Td>
            ))}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Each day agents acted: their actions, those with a borrowed credential, and the share. */
export function ShareTable({ data, filters }: { data: BorrowedShareDay[]; filters: AuditFilters }) {
  return (
    <Table caption="Share of agent actions done with borrowed human credentials, per day">
      <thead>
        <tr>
          <Th>Day</Th>
          <Th className="text-right">Borrowed</Th>
          <Th className="text-right">Agent actions</Th>
          <Th className="text-right">Share</Th>
        </tr>
      </thead>
      <tbody>
        {data
          .filter((day) => day.agentActions > 0)
          .map((day) => (
            <Tr key={day.day}>
              <Day day={day.day} />
              <Td className="text-right tabular-nums">
                <CountLink
                  count={day.borrowed}
                  href={narrowedHref(filters, { ...dayFilters(day.day), attribution: 'AGENT_BORROWED' })}
                  label={`borrowed-credential events on ${shortDay(day.day)}`}
                />
              </Td>
              <Td className="text-right tabular-nums">{formatCount(day.agentActions)}</Td>
              <Td className="text-right tabular-nums">{formatShare(day.share)}</Td>
            </Tr>
          ))}
      </tbody>
    </Table>
  );
}

/** The ranking as a list of links to each principal's events. */
export function RankingTable({
  data,
  side,
  caption,
  filters,
}: {
  data: RankedPrincipal[];
  side: 'initiator' | 'executor';
  caption: string;
  filters: AuditFilters;
}) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th className="w-12 text-right">#</Th>
          <Th>{side === 'initiator' ? 'Person' : 'Identity'}</Th>
          <Th className="text-right">Events</Th>
        </tr>
      </thead>
      <tbody>
        {data.map((principal, index) => (
          <Tr key={principal.key}>
            <Td className="text-right text-slate-500 tabular-nums">{index + 1}</Td>
            <Td className="max-w-0 truncate">
              {principal.filter ? (
                <Link
                  href={narrowedHref(filters, { [side]: principal.filter })}
                  className={LINK}
                  title={principal.name}
                >
                  {principal.name}
                </Link>
              ) : (
                principal.name
              )}
            </Td>
            <Td className="text-right tabular-nums">{formatCount(principal.count)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Each day with decisions: allowed, denied, and why the denials were denied. */
export function DecisionsTable({
  data,
  reasons,
  filters,
}: {
  data: DecisionDay[];
  reasons: ReasonTotal[];
  filters: AuditFilters;
}) {
  return (
    <>
      <Table caption="Runtime decisions per day">
        <thead>
          <tr>
            <Th>Day</Th>
            <Th className="text-right">Allowed</Th>
            <Th className="text-right">Denied</Th>
            <Th>Deny reasons</Th>
          </tr>
        </thead>
        <tbody>
          {data
            .filter((day) => day.allow + day.deny > 0)
            .map((day) => (
              <Tr key={day.day}>
                <Day day={day.day} />
                <Td className="text-right tabular-nums">
                  <CountLink
                    count={day.allow}
                    href={narrowedHref(filters, decisionFilters(day.day, 'allow'))}
                    label={`allowed decisions on ${shortDay(day.day)}`}
                  />
                </Td>
                <Td className="text-right tabular-nums">
                  <CountLink
                    count={day.deny}
                    href={narrowedHref(filters, decisionFilters(day.day, 'deny'))}
                    label={`denied decisions on ${shortDay(day.day)}`}
                  />
                </Td>
                <Td className="text-slate-600">
                  {Object.entries(day.denyReasons)
                    .sort(([, a], [, b]) => b - a)
                    .map(([reason, count]) => `${reasonLabel(reason)}: ${formatCount(count)}`)
                    .join(', ')}
                </Td>
              </Tr>
            ))}
        </tbody>
      </Table>
      <Table caption="Runtime decisions over the range by reason">
        <thead>
          <tr>
            <Th>Decision</Th>
            <Th>Reason</Th>
            <Th className="text-right">Decisions</Th>
          </tr>
        </thead>
        <tbody>
          {reasons.map((row) => (
            <Tr key={`${row.decision}-${row.reason}`}>
              <Td>{row.decision === 'allow' ? 'Allowed' : 'Denied'}</Td>
              <Td>{reasonLabel(row.reason)}</Td>
              <Td className="text-right tabular-nums">{formatCount(row.count)}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
