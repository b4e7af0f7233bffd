import { AUDIT_ACTIONS } from '../audit/actions';
import { auditHref, type AuditFilters } from '../audit/explorer-filters';

/**
 * Where the audit charts lead: each chart's CSV, and the audit table narrowed to what a chart element counts.
 * Pure, so the client charts build the same links as the server.
 */

export const AUDIT_CHART_NAMES = [
  'events',
  'borrowed-share',
  'initiators',
  'executors',
  'matrix',
  'decisions',
] as const;
export type AuditChartName = (typeof AUDIT_CHART_NAMES)[number];

export function isAuditChartName(value: string): value is AuditChartName {
  return (AUDIT_CHART_NAMES as readonly string[]).includes(value);
}

/** A chart's data as CSV, over the same days the charts show. */
export function chartCsvHref(chart: AuditChartName, filters: Pick<AuditFilters, 'from' | 'to'>): string {
  const params = new URLSearchParams();
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  const query = params.toString();
  return `/audit/charts/${chart}${query ? `?${query}` : ''}`;
}

/** The audit table with the current filters narrowed further; a chart link starts again at the first page. */
export function narrowedHref(filters: Partial<AuditFilters>, narrower: Partial<AuditFilters>): string {
  return auditHref({ ...filters, cursor: undefined, seq: undefined, ...narrower });
}

/** One day of the table: charts count UTC days, as the page's day filters do. */
export function dayFilters(day: string): Pick<AuditFilters, 'from' | 'to'> {
  return { from: day, to: day };
}

/** The table's runtime decisions of one day: an allow is recorded as a success, a deny as DENIED. */
export function decisionFilters(day: string, decision: 'allow' | 'deny'): Partial<AuditFilters> {
  return {
    ...dayFilters(day),
    action: AUDIT_ACTIONS.runtimeAuthorize,
    outcome: decision === 'allow' ? 'SUCCESS' : 'DENIED',
  };
}
