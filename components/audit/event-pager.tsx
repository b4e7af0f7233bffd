import Link from 'next/link';
import { ChevronRight, ChevronsLeft } from 'lucide-react';
import { auditHref, type AuditFilters } from '@/lib/audit/explorer-filters';
import { buttonClasses } from '@/components/ui/button';

/**
 * Paging through events newest first: the next page starts where this one ends, so a trail of millions is never
 * counted or skipped through.
 */
export function AuditEventPager({
  filters,
  nextCursor,
  shown,
}: {
  filters: AuditFilters;
  nextCursor: string | undefined;
  shown: number;
}) {
  const onFirstPage = !filters.cursor;
  if (shown === 0 || (onFirstPage && !nextCursor)) return null;
  const base = { ...filters, cursor: undefined, seq: undefined };
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 text-sm text-slate-500"
    >
      <p className="tabular-nums">
        {shown} {shown === 1 ? 'event' : 'events'} on this page
        {nextCursor ? ', older ones on the next' : ', the oldest last'}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {onFirstPage ? null : (
          <Link className={buttonClasses('secondary', 'sm')} href={auditHref(base)}>
            <ChevronsLeft className="size-3.5" aria-hidden />
            Newest
          </Link>
        )}
        {nextCursor ? (
          <Link
            className={buttonClasses('secondary', 'sm')}
            href={auditHref({ ...base, cursor: nextCursor })}
            rel="next"
          >
            Older
            <ChevronRight className="size-3.5" aria-hidden />
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
