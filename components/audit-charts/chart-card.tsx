import type { ReactNode } from 'react';
import { Download } from 'lucide-react';
import { Card, CardHeader } from '@/components/ui/card';
import { buttonClasses } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';

/**
 * One audit chart: its title and what it counts, a CSV download of its data, the chart itself, and the same
 * data as a table under a disclosure (unless the chart is a table already), with links that narrow the audit table (the keyboard's way in).
 */
export function ChartCard({
  id,
  title,
  description,
  csvHref,
  table,
  className,
  children,
}: {
  id: string;
  title: string;
  description: string;
  csvHref: string;
  table?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Card className={cn('flex min-w-0 flex-col', className)}>
      <CardHeader
        title={title}
        description={<span id={`${id}-description`}>{description}</span>}
        action={
          <a href={csvHref} download className={buttonClasses('secondary', 'sm')}>
            <Download className="size-4" aria-hidden />
            CSV<span className="sr-only"> of {title.toLowerCase()}</span>
          </a>
        }
      />
      <div className="flex-1 px-4 pt-4 pb-2">{children}</div>
      {table ? (
        <details className="border-t border-slate-100">
          <summary className="cursor-pointer px-5 py-2.5 text-sm font-medium text-slate-600 hover:text-slate-900">
            Data table<span className="sr-only">: {title.toLowerCase()}</span>
          </summary>
          <div className="max-h-80 overflow-y-auto">{table}</div>
        </details>
      ) : null}
    </Card>
  );
}

/** Said in place of a chart when its range holds nothing to draw. */
export function NoChartData({ children }: { children: ReactNode }) {
  return <p className="flex h-56 items-center justify-center px-6 text-center text-sm text-slate-500">{children}</p>;
}
