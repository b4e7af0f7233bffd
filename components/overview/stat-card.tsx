import Link from 'next/link';
import { ArrowRight, type LucideIcon } from 'lucide-react';
import { cn } from '@/components/ui/cn';

const numberFormat = new Intl.NumberFormat('en-US');

/** A figure of the overview; the whole card links to the list it counts, with the filter set. */
export function StatCard({
  label,
  value,
  href,
  icon: Icon,
  hint,
  tone = 'text-slate-900',
  testId,
}: {
  label: string;
  value: number;
  href: string;
  icon: LucideIcon;
  hint: string;
  tone?: string;
  testId: string;
}) {
  return (
    <Link
      href={href}
      data-testid={testId}
      className="group block rounded-lg border border-slate-200 bg-white p-4 shadow-xs transition-colors hover:border-brand-300 hover:bg-brand-50/30 focus-visible:outline-2 focus-visible:outline-brand-500"
    >
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-500">{label}</p>
        <Icon className="size-4 text-slate-400" aria-hidden />
      </div>
      <p className={cn('mt-2 text-2xl font-semibold tabular-nums', tone)} data-testid="stat-value">
        {numberFormat.format(value)}
      </p>
      <p className="mt-1 flex items-center justify-between gap-2 text-xs text-slate-500">
        <span>{hint}</span>
        <ArrowRight
          className="size-3.5 shrink-0 text-slate-300 transition-colors group-hover:text-brand-600"
          aria-hidden
        />
      </p>
    </Link>
  );
}
