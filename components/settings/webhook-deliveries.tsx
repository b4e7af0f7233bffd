import { Webhook } from 'lucide-react';
import type { WebhookDeliveryRow } from '@/lib/webhooks/settings';
import { Badge, type Tone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { cn } from '@/components/ui/cn';

function statusOf(delivery: WebhookDeliveryRow): { label: string; tone: Tone } {
  if (delivery.status === 'DELIVERED') return { label: 'Delivered', tone: 'success' };
  if (delivery.status === 'FAILED') return { label: 'Failed', tone: 'danger' };
  return delivery.attempts === 0 ? { label: 'Queued', tone: 'info' } : { label: 'Retrying', tone: 'warning' };
}

function LastResult({ delivery }: { delivery: WebhookDeliveryRow }) {
  if (delivery.status === 'DELIVERED')
    return (
      <span className="text-slate-600">
        {delivery.lastStatus} · <RelativeTime date={delivery.deliveredAt ?? delivery.createdAt} />
      </span>
    );
  if (!delivery.lastError) return <span className="text-slate-400">Not tried yet</span>;
  return <span className={delivery.status === 'FAILED' ? 'text-red-800' : 'text-amber-900'}>{delivery.lastError}</span>;
}

/** A retry is seconds to hours away: "in 25 s" says more than "just now". */
function NextAttempt({ delivery, now }: { delivery: WebhookDeliveryRow; now: Date }) {
  if (delivery.status !== 'PENDING' || !delivery.nextAttemptAt) return <span className="text-slate-400">—</span>;
  const seconds = Math.ceil((delivery.nextAttemptAt.getTime() - now.getTime()) / 1000);
  if (seconds <= 0) return <span>due now</span>;
  if (seconds < 60) return <span title={delivery.nextAttemptAt.toISOString()}>in {seconds} s</span>;
  return <RelativeTime date={delivery.nextAttemptAt} />;
}

export function WebhookDeliveries({
  deliveries,
  maxAttempts,
  now,
}: {
  deliveries: WebhookDeliveryRow[];
  maxAttempts: number;
  now: Date;
}) {
  if (deliveries.length === 0)
    return (
      <EmptyState icon={Webhook} title="No deliveries yet">
        Each new scope request and each decision on one is sent here, as is a test event.
      </EmptyState>
    );
  return (
    <Table caption="Recent webhook deliveries">
      <thead>
        <tr>
          <Th>Event</Th>
          <Th>Status</Th>
          <Th className="hidden md:table-cell">Last result</Th>
          <Th className="hidden md:table-cell">Next attempt</Th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => {
          const status = statusOf(delivery);
          const failed = delivery.status === 'FAILED';
          return (
            <Tr
              key={delivery.id}
              data-testid={`delivery-${delivery.id}`}
              className={cn(failed && 'bg-red-50/70 hover:bg-red-50')}
            >
              <Td className={cn('max-w-56', failed && 'shadow-[inset_4px_0_0_var(--color-red-500)]')}>
                <p className="font-mono text-sm text-slate-900">{delivery.event}</p>
                <p className="mt-0.5 truncate text-xs text-slate-500" title={delivery.id}>
                  <RelativeTime date={delivery.createdAt} /> · {delivery.id}
                </p>
                <div className="mt-1.5 space-y-0.5 text-sm break-words md:hidden">
                  <LastResult delivery={delivery} />
                  {delivery.status === 'PENDING' ? (
                    <p className="text-xs text-slate-500">
                      Next attempt <NextAttempt delivery={delivery} now={now} />
                    </p>
                  ) : null}
                </div>
              </Td>
              <Td className="whitespace-nowrap">
                <Badge tone={status.tone}>{status.label}</Badge>
                <p className="mt-1 text-xs text-slate-500">
                  {delivery.attempts} of {maxAttempts} attempts
                </p>
              </Td>
              <Td className="hidden max-w-80 min-w-48 text-sm break-words md:table-cell">
                <LastResult delivery={delivery} />
              </Td>
              <Td className="hidden whitespace-nowrap text-slate-600 md:table-cell">
                <NextAttempt delivery={delivery} now={now} />
              </Td>
            </Tr>
          );
        })}
      </tbody>
    </Table>
  );
}
