import Link from 'next/link';
import { ChevronRight, ChevronsLeft } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';

/**
 * Paging through a list newest first: the next page starts where this one ends, so a list of millions is never
 * counted, and rows are never skipped or shown twice.
 */
export function CursorPager({
  noun,
  shown,
  newestHref,
  olderHref,
}: {
  /** What the list holds, singular and plural: ['case', 'cases']. */
  noun: readonly [string, string];
  shown: number;
  /** The first page, or null when this is the first page. */
  newestHref: string | null;
  /** The next page, or null when this is the last. */
  olderHref: string | null;
}) {
  if (shown === 0 || (!newestHref && !olderHref)) return null;
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 text-sm text-slate-500"
    >
      <p className="tabular-nums">
        {shown} {shown === 1 ? noun[0] : noun[1]} on this page
        {olderHref ? ', older ones on the next' : ', the oldest last'}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {newestHref ? (
          <Link className={buttonClasses('secondary', 'sm')} href={newestHref}>
            <ChevronsLeft className="size-3.5" aria-hidden />
            Newest
          </Link>
        ) : null}
        {olderHref ? (
          <Link className={buttonClasses('secondary', 'sm')} href={olderHref} rel="next">
            Older
            <ChevronRight className="size-3.5" aria-hidden />
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
