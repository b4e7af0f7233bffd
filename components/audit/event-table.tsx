import Link from 'next/link';
import type { AuditEventView } from '@/lib/audit/explorer';
import { auditHref, type AuditFilters } from '@/lib/audit/explorer-filters';
import { plainWords } from '@/lib/audit/plain-words';
import { AttributionBadge } from '@/components/inventory/attribution-badge';
import { OutcomeBadge } from '@/components/inventory/status-badge';
import { formatRelative } from '@/components/ui/relative-time';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { cn } from '@/components/ui/cn';
import { utcTime } from './format';

/** The events of one page, newest first; each opens its detail (and its place in the chain) above the table. */
export function AuditEventTable({
  events,
  filters,
  now,
}: {
  events: AuditEventView[];
  filters: AuditFilters;
  now: Date;
}) {
  return (
    <Table caption="Audit events, newest first">
      <thead>
        <tr>
          <Th>When (UTC) and source</Th>
          <Th>Who asked and what acted</Th>
          <Th>Action and resource</Th>
          <Th>Outcome</Th>
          <Th>Attribution</Th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => {
          const words = plainWords(event);
          const open = filters.seq === event.seq;
          return (
            <Tr key={event.seq} data-testid={`audit-event-${event.seq}`}>
              <Td className={cn('whitespace-nowrap', open && 'shadow-[inset_3px_0_0_0_var(--color-brand-600)]')}>
                <time dateTime={event.occurredAt} className="block font-mono text-xs text-slate-800 tabular-nums">
                  {utcTime(event.occurredAt)}
                </time>
                <span className="block text-xs text-slate-500" title={formatRelative(new Date(event.occurredAt), now)}>
                  #{event.seq} · <span className="inline-block max-w-28 truncate align-bottom">{event.source}</span>
                </span>
              </Td>
              <Td>
                <Link
                  href={auditHref({ ...filters, seq: event.seq })}
                  scroll
                  className="line-clamp-2 max-w-96 min-w-48 font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  title={words}
                  aria-current={open ? 'true' : undefined}
                >
                  {words}
                </Link>
              </Td>
              <Td>
                <p className="max-w-56 truncate font-mono text-xs text-slate-800" title={event.action}>
                  {event.action}
                </p>
                {event.resource ? (
                  <p className="max-w-56 truncate text-xs text-slate-500" title={event.resource}>
                    {event.resource}
                  </p>
                ) : null}
              </Td>
              <Td>
                <OutcomeBadge outcome={event.outcome} />
              </Td>
              <Td className="whitespace-nowrap">
                <AttributionBadge attribution={event.attribution} />
              </Td>
            </Tr>
          );
        })}
      </tbody>
    </Table>
  );
}
