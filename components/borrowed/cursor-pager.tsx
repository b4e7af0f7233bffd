import Link from 'next/link';
import { ChevronRight, ChevronsLeft } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';
import { listHref } from '@/components/inventory/list-href';

/**
 * Paging through cases newest first: the next page starts where this one ends, so a list of thousands never
 * counts or skips rows it does not show.
 */
export function CursorPager({
  basePath,
  params,
  onFirstPage,
  nextCursor,
  shown,
}: {
  basePath: string;
  params: Record<string, string>;
  onFirstPage: boolean;
  nextCursor: string | undefined;
  shown: number;
}) {
  if (shown === 0 || (onFirstPage && !nextCursor)) return null;
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 text-sm text-slate-500"
    >
      <p className="tabular-nums">
        {shown} {shown === 1 ? 'case' : 'cases'} on this page
        {nextCursor ? ', older ones on the next' : ', the oldest last'}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {onFirstPage ? null : (
          <Link className={buttonClasses('secondary', 'sm')} href={listHref(basePath, params)}>
            <ChevronsLeft className="size-3.5" aria-hidden />
            Newest
          </Link>
        )}
        {nextCursor ? (
          <Link
            className={buttonClasses('secondary', 'sm')}
            href={listHref(basePath, { ...params, cursor: nextCursor })}
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
