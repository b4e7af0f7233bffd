import Link from 'next/link';
import { ChevronRight, CircleCheck } from 'lucide-react';
import type { AttentionItem } from '@/lib/overview/attention';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';

const numberFormat = new Intl.NumberFormat('en-US');

const URGENCY_STYLE: Record<AttentionItem['urgency'], { dot: string; count: string; label: string }> = {
  critical: { dot: 'bg-red-600', count: 'text-red-700', label: 'Critical' },
  high: { dot: 'bg-amber-500', count: 'text-amber-700', label: 'High' },
  medium: { dot: 'bg-sky-500', count: 'text-slate-900', label: 'Medium' },
};

/** What needs attention now, the most urgent first: each a count and the way to the list behind it. */
export function AttentionList({ items, whose }: { items: AttentionItem[]; whose: string }) {
  return (
    <Card className="mb-6">
      <CardHeader title="Needs attention now" description={`The most urgent first, ${whose}.`} />
      {items.length === 0 ? (
        <p className="flex items-center gap-2 px-5 py-4 text-sm text-emerald-800">
          <CircleCheck className="size-4 shrink-0" aria-hidden />
          Nothing needs attention now: no critical or high finding, no borrowed credential in production, no orphaned
          agent and no request waiting.
        </p>
      ) : (
        <ol className="divide-y divide-slate-100" aria-label="Needs attention now">
          {items.map((item) => {
            const style = URGENCY_STYLE[item.urgency];
            return (
              <li key={item.key} data-testid={`attention-${item.key}`}>
                <Link
                  href={item.href}
                  className="flex items-center gap-3 px-5 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500"
                >
                  <span className={cn('size-2 shrink-0 rounded-full', style.dot)} aria-hidden />
                  <span className="sr-only">{style.label}:</span>
                  <span
                    className={cn('min-w-8 shrink-0 text-right text-lg font-semibold tabular-nums', style.count)}
                    data-testid="attention-count"
                  >
                    {numberFormat.format(item.count)}
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block text-sm font-medium text-slate-900">{item.title}</span>
                    <span className="block text-xs text-slate-500">{item.detail}</span>
                  </span>
                  <ChevronRight className="size-4 shrink-0 text-slate-400" aria-hidden />
                </Link>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
