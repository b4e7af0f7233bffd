import type { NhiDetail } from '@/lib/inventory/detail';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { AttributionBadge } from './attribution-badge';
import { Principal } from './principal';
import { OutcomeBadge } from './status-badge';

type AuditEvent = NhiDetail['events'][number];

/** The latest events this NHI executed or initiated, with who asked and what acted in columns of their own. */
export function NhiEvents({ events }: { events: AuditEvent[] }) {
  return (
    <Card>
      <CardHeader
        title="Recent activity"
        description="The latest audit events this identity initiated or executed, and the changes people made to it"
      />
      {events.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">No audit event names this identity as initiator or executor.</p>
      ) : (
        <Table caption="Recent audit events of this identity">
          <thead>
            <tr>
              <Th>When</Th>
              <Th>Action</Th>
              <Th>Initiator (who asked)</Th>
              <Th>Executor (what acted)</Th>
              <Th>Attribution</Th>
              <Th>Outcome</Th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <Tr key={event.seq} data-testid={`event-${event.seq}`}>
                <Td className="whitespace-nowrap text-slate-600">
                  <RelativeTime date={event.occurredAt} />
                </Td>
                <Td>
                  <p className="max-w-64 truncate font-mono text-xs text-slate-800" title={event.action}>
                    {event.action}
                  </p>
                  {event.resource ? (
                    <p className="max-w-64 truncate text-xs text-slate-500" title={event.resource}>
                      {event.resource}
                    </p>
                  ) : null}
                </Td>
                <Td data-testid="initiator">
                  <Principal type={event.initiatorType} id={event.initiatorId} label={event.initiatorLabel} />
                </Td>
                <Td data-testid="executor">
                  <Principal type={event.executorType} id={event.executorId} label={event.executorLabel} />
                </Td>
                <Td className="whitespace-nowrap">
                  <AttributionBadge attribution={event.attribution} />
                </Td>
                <Td>
                  <OutcomeBadge outcome={event.outcome} />
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
