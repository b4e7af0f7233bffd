import { Download } from 'lucide-react';
import { csvRow } from '@/lib/inventory/export';
import { shortDay } from '@/components/charts/palette';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { formatValue, type MetricUnit } from './format';
import { TrendChart, type TrendRow, type TrendSeries } from './trend-chart';

type Value = number | null;

function firstKnown(data: TrendRow[], key: string): { day: string; value: number } | null {
  for (const row of data) {
    const value = row[key];
    if (typeof value === 'number') return { day: row.day, value };
  }
  return null;
}

/** What the chart shows, in one sentence per line: where it started and where it is today. */
function textAlternative(title: string, data: TrendRow[], series: TrendSeries[], unit: MetricUnit): string {
  const today = data[data.length - 1];
  const lines = series.map((entry) => {
    const first = firstKnown(data, entry.key);
    const now = formatValue((today?.[entry.key] as Value) ?? null, unit);
    if (!first) return `${entry.label}: no data in the last ${data.length} days.`;
    return `${entry.label}: ${formatValue(first.value, unit)} on ${shortDay(first.day)}, ${now} today.`;
  });
  return `${title}, day by day over the last ${data.length} days. ${lines.join(' ')}`;
}

function csvOf(data: TrendRow[], series: TrendSeries[], extra: TrendSeries[]): string {
  const columns = [...series, ...extra];
  return [
    csvRow(['day', ...columns.map((entry) => entry.key)]),
    ...data.map((row) => csvRow([row.day, ...columns.map((entry) => (row[entry.key] as Value) ?? null)])),
  ].join('');
}

/**
 * One governance figure: today's reading, its 90-day trend, the same numbers as a table for screen readers and
 * as CSV. `extra` columns (how many decisions or grants a figure rests on) go in the table and the CSV only.
 */
export function MetricPanel({
  id,
  title,
  description,
  data,
  series,
  unit,
  extra = [],
}: {
  id: string;
  title: string;
  description: string;
  data: TrendRow[];
  series: TrendSeries[];
  unit: MetricUnit;
  extra?: TrendSeries[];
}) {
  const today = data[data.length - 1];
  const csv = csvOf(data, series, extra);
  const rows = [...data].reverse();
  return (
    <section aria-labelledby={`${id}-title`} data-testid={`metric-${id}`} className="min-w-0 bg-white p-5">
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        {title}
      </h3>
      <p className="mt-0.5 text-xs text-slate-500">{description}</p>
      <dl className="mt-3 flex flex-wrap gap-x-5 gap-y-1">
        {series.map((entry) => (
          <div key={entry.key} className="flex items-baseline gap-1.5">
            <dt className="flex items-center gap-1.5 text-xs text-slate-500">
              <span className="size-2 shrink-0 rounded-full" style={{ backgroundColor: entry.color }} aria-hidden />
              {entry.label}
            </dt>
            <dd className="text-base font-semibold text-slate-900 tabular-nums" data-testid={`today-${entry.key}`}>
              {formatValue((today?.[entry.key] as Value) ?? null, unit)}
            </dd>
          </div>
        ))}
      </dl>
      <div className="mt-2">
        <TrendChart data={data} series={series} unit={unit} label={textAlternative(title, data, series, unit)} />
      </div>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-2 text-xs">
        <details className="min-w-0 flex-1">
          <summary className="cursor-pointer text-brand-600 hover:text-brand-700">Show the numbers</summary>
          <div
            className="mt-2 max-h-64 overflow-y-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-brand-500"
            tabIndex={0}
            role="region"
            aria-label={`${title}, by day`}
          >
            <Table caption={`${title}, by day`}>
              <thead>
                <tr>
                  <Th>Day</Th>
                  {[...series, ...extra].map((entry) => (
                    <Th key={entry.key} className="text-right">
                      {entry.label}
                    </Th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <Tr key={row.day}>
                    <Td className="py-1.5 whitespace-nowrap">{row.day}</Td>
                    {[...series, ...extra].map((entry) => (
                      <Td key={entry.key} className="py-1.5 text-right tabular-nums">
                        {formatValue((row[entry.key] as Value) ?? null, extra.includes(entry) ? 'count' : unit)}
                      </Td>
                    ))}
                  </Tr>
                ))}
              </tbody>
            </Table>
          </div>
        </details>
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}
          download={`steward-${id}-90-days.csv`}
          className="inline-flex items-center gap-1 font-medium text-brand-600 hover:text-brand-700"
        >
          <Download className="size-3.5" aria-hidden />
          CSV<span className="sr-only"> of {title.toLowerCase()}</span>
        </a>
      </div>
    </section>
  );
}
