import 'server-only';
import type { Actor } from '../auth/actor';
import { auditFilterSchema } from '../audit/explorer-filters';
import { csvRow } from '../inventory/export';
import { parseInput } from '../validation';
import { loadAuditCharts, type AuditChartsData } from './audit-charts';
import type { AuditChartName } from './links';
import { ATTRIBUTIONS, type RankedPrincipal } from './shape';

type CsvValue = string | number | null;

function rankingRows(principals: readonly RankedPrincipal[]): CsvValue[][] {
  return [
    ['rank', 'name', 'type', 'id', 'key', 'events'],
    ...principals.map((principal, index) => [
      index + 1,
      principal.name,
      principal.type,
      principal.id,
      principal.key,
      principal.count,
    ]),
  ];
}

/** Every distinct deny reason of the range, the most frequent first: one column each in the decisions CSV. */
function denyReasons(data: AuditChartsData): string[] {
  return data.decisions.reasons.filter((row) => row.decision === 'deny').map((row) => row.reason);
}

const TABLES: Record<AuditChartName, (data: AuditChartsData) => CsvValue[][]> = {
  events: (data) => [
    ['day', ...ATTRIBUTIONS.map((attribution) => attribution.toLowerCase()), 'total'],
    ...data.events.map((day) => {
      const counts = ATTRIBUTIONS.map((attribution) => day[attribution]);
      return [day.day, ...counts, counts.reduce((sum, count) => sum + count, 0)];
    }),
  ],
  'borrowed-share': (data) => [
    ['day', 'agent_borrowed', 'agent_actions', 'borrowed_share'],
    ...data.borrowedShare.map((day) => [
      day.day,
      day.borrowed,
      day.agentActions,
      day.share === null ? null : day.share.toFixed(4),
    ]),
  ],
  initiators: (data) => rankingRows(data.initiators),
  executors: (data) => rankingRows(data.executors),
  matrix: (data) => [
    ['initiator', 'initiator_id', 'executor', 'executor_id', 'events'],
    ...data.matrix.initiators.flatMap((initiator, row) =>
      data.matrix.executors.map((executor, column) => [
        initiator.name,
        initiator.id ?? initiator.filter,
        executor.name,
        executor.id ?? executor.filter,
        data.matrix.cells[row][column],
      ]),
    ),
  ],
  decisions: (data) => {
    const reasons = denyReasons(data);
    return [
      ['day', 'allow', 'deny', ...reasons.map((reason) => `deny_${reason.toLowerCase()}`)],
      ...data.decisions.days.map((day) => [
        day.day,
        day.allow,
        day.deny,
        ...reasons.map((reason) => day.denyReasons[reason] ?? 0),
      ]),
    ];
  },
};

/** One chart's data as CSV text: RFC 4180, and no cell a spreadsheet would run as a formula. */
export function chartCsv(chart: AuditChartName, data: AuditChartsData): string {
  return TABLES[chart](data)
    .map((row) => csvRow(row))
    .join('');
}

/** The CSV behind one audit chart, over the days the query's from/to select (by default the last 90). */
export async function auditChartCsv(actor: Actor, chart: AuditChartName, query: Record<string, string>) {
  const filters = parseInput(auditFilterSchema, query);
  const data = await loadAuditCharts(actor, filters);
  return {
    filename: `steward-audit-${chart}-${data.range.from}-to-${data.range.to}.csv`,
    body: chartCsv(chart, data),
  };
}
