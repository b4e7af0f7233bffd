import type { Metadata } from 'next';
import Link from 'next/link';
import { FileDown, ScrollText, ShieldCheck } from 'lucide-react';
import { AppError } from '@/lib/errors';
import { getAuditEvent, listAuditEvents, parseAuditFilters, type AuditEventDetail } from '@/lib/audit/explorer';
import { auditHref, type AuditFilters } from '@/lib/audit/explorer-filters';
import type { HumanActor } from '@/lib/auth/actor';
import { requirePagePermission } from '@/lib/auth/session';
import { AuditCharts } from '@/components/audit-charts/audit-charts';
import { AuditFilterBar, narrowsEvents } from '@/components/audit/audit-filters';
import { AuditEventPanel, MissingEvent } from '@/components/audit/event-detail';
import { CursorPager } from '@/components/ui/cursor-pager';
import { AuditEventTable } from '@/components/audit/event-table';
import { InvalidFilters, listingOrInvalid } from '@/components/inventory/invalid-filters';
import { NoMatch } from '@/components/inventory/no-match';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Audit' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function readPage(actor: HumanActor, raw: Awaited<SearchParams>) {
  const filters = parseAuditFilters(raw);
  const page = await listAuditEvents(actor, filters, { cursor: filters.cursor });
  return { filters, ...page };
}

async function openedEvent(actor: HumanActor, seq: number | undefined): Promise<AuditEventDetail | null> {
  if (seq === undefined) return null;
  try {
    return await getAuditEvent(actor, seq);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}

/** The export of what the table shows, from the events API (which a signed-in auditor may call too). */
function exportHref(filters: AuditFilters, format: 'native' | 'ocsf'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, cursor: undefined, seq: undefined }))
    if (value !== undefined) params.set(key, String(value));
  if (format === 'ocsf') params.set('format', 'ocsf');
  const query = params.toString();
  return `/api/v1/audit/events${query ? `?${query}` : ''}`;
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission('audit.read');
  const raw = await searchParams;
  const listing = await listingOrInvalid(readPage(actor, raw));
  const header = (
    <PageHeader
      title="Audit trail"
      description="Every event Steward recorded or imported, in a hash chain nobody can rewrite unnoticed. Each row says who asked and what acted; open one for its place in the chain and what it is linked to."
      actions={
        <Link href="/audit/verify" className={buttonClasses('secondary')}>
          <ShieldCheck className="size-4" aria-hidden />
          Verify the chain
        </Link>
      }
    />
  );
  if (!listing.ok)
    return (
      <>
        {header}
        <Card>
          <InvalidFilters fields={listing.fields} clearHref="/audit" />
        </Card>
      </>
    );

  const { filters, events, nextCursor } = listing.value;
  const detail = await openedEvent(actor, filters.seq);
  const chartFilters = { ...filters, cursor: undefined, seq: undefined };
  const narrowed = narrowsEvents(filters);
  return (
    <>
      {header}
      {detail ? <AuditEventPanel detail={detail} filters={filters} /> : null}
      {filters.seq !== undefined && !detail ? <MissingEvent seq={filters.seq} filters={filters} /> : null}
      <AuditCharts filters={chartFilters} />
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-5 py-4">
          <div className="min-w-0">
            <h2 className="text-sm font-semibold text-slate-900">Events</h2>
            <p className="mt-0.5 text-sm text-slate-500">
              Newest first. An agent using a person’s credential reads as borrowed once detection has found it, whatever
              the log said.
            </p>
          </div>
          {events.length > 0 ? (
            <div className="flex flex-wrap gap-2">
              <a
                href={exportHref(filters, 'native')}
                download="audit-events.ndjson"
                title="The newest 1,000 matching events as NDJSON; GET /api/v1/audit/events pages through the rest"
                className={buttonClasses('secondary', 'sm')}
              >
                <FileDown className="size-3.5" aria-hidden />
                NDJSON
              </a>
              <a
                href={exportHref(filters, 'ocsf')}
                download="audit-events.ocsf.ndjson"
                title="The newest 1,000 matching events as OCSF 1.8.0, one a line"
                className={buttonClasses('secondary', 'sm')}
              >
                <FileDown className="size-3.5" aria-hidden />
                OCSF
              </a>
            </div>
          ) : null}
        </div>
        <AuditFilterBar filters={filters} />
        {events.length > 0 ? (
          <>
            <AuditEventTable events={events} filters={filters} now={new Date()} />
            <CursorPager
              noun={['event', 'events']}
              shown={events.length}
              newestHref={filters.cursor ? auditHref({ ...filters, cursor: undefined, seq: undefined }) : null}
              olderHref={nextCursor ? auditHref({ ...filters, cursor: nextCursor, seq: undefined }) : null}
            />
          </>
        ) : narrowed || filters.cursor ? (
          <NoMatch title="No event matches these filters" clearHref="/audit">
            Try other filters, a longer time range, or clear them to see every event.
          </NoMatch>
        ) : (
          <EmptyState icon={ScrollText} title="No audit events yet">
            Steward records its own changes and decisions here, and the logs you import.
          </EmptyState>
        )}
      </Card>
    </>
  );
}
