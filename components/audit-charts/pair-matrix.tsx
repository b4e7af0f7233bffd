import Link from 'next/link';
import { heatFill } from '@/components/charts/palette';
import type { AuditFilters } from '@/lib/audit/explorer-filters';
import type { AuditChartsData } from '@/lib/charts/audit-charts';
import { narrowedHref } from '@/lib/charts/links';
import { formatCount } from './format';

type Matrix = AuditChartsData['matrix'];

/**
 * Who drove which agent, as a heat map that is a table: one row per person, one column per NHI, each cell the
 * events that person asked for and that NHI carried out, printed and shaded, and a link to those events.
 */
export function PairMatrix({ matrix, filters }: { matrix: Matrix; filters: AuditFilters }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-separate border-spacing-0.5 text-sm">
        <caption className="sr-only">
          Events by the person who asked (rows) and the non-human identity that acted (columns)
        </caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 py-1.5 text-left text-xs font-semibold text-slate-500">
              Person <span aria-hidden>↓</span> · Identity <span aria-hidden>→</span>
            </th>
            {matrix.executors.map((executor) => (
              <th
                key={executor.key}
                scope="col"
                className="max-w-28 min-w-16 px-1.5 py-1.5 align-bottom text-xs font-medium text-slate-700"
              >
                <span className="line-clamp-2 break-words" title={executor.name}>
                  {executor.name}
                </span>
              </th>
            ))}
            <th scope="col" className="px-2 py-1.5 text-right text-xs font-semibold text-slate-500">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {matrix.initiators.map((initiator, row) => (
            <tr key={initiator.key}>
              <th scope="row" className="max-w-44 px-2 py-1.5 text-left font-medium text-slate-700">
                <span className="block truncate" title={initiator.name}>
                  {initiator.name}
                </span>
              </th>
              {matrix.executors.map((executor, column) => {
                const count = matrix.cells[row][column];
                const href =
                  initiator.filter && executor.filter
                    ? narrowedHref(filters, { initiator: initiator.filter, executor: executor.filter })
                    : null;
                return (
                  <td
                    key={executor.key}
                    className="rounded-sm p-0 text-center tabular-nums"
                    style={{ backgroundColor: heatFill(count, matrix.max) }}
                  >
                    {count > 0 && href ? (
                      <Link
                        href={href}
                        className="block px-1.5 py-1.5 font-medium text-slate-900 hover:underline"
                        aria-label={`${formatCount(count)} events ${initiator.name} asked ${executor.name} to carry out`}
                      >
                        {formatCount(count)}
                      </Link>
                    ) : (
                      <span
                        className={
                          count > 0 ? 'block px-1.5 py-1.5 text-slate-900' : 'block px-1.5 py-1.5 text-slate-500'
                        }
                      >
                        {formatCount(count)}
                      </span>
                    )}
                  </td>
                );
              })}
              <td className="px-2 py-1.5 text-right text-slate-600 tabular-nums">{formatCount(initiator.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
