import Link from 'next/link';
import Form from 'next/form';
import { ChevronLeft, ChevronRight, SearchX } from 'lucide-react';
import { buttonClasses } from './button';
import { EmptyState } from './empty-state';

const numberFormat = new Intl.NumberFormat('en-US');

/** Values that mean "no filter" and so stay out of the address. */
const isSet = (value: string) => value !== '' && value !== 'all';

function pageHref(basePath: string, params: Record<string, string>, page: number): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => isSet(value)));
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${basePath}?${text}` : basePath;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Whether a list came back empty only because its page is past the last one. */
export function isPastLastPage({ page, pageSize, total }: { page: number; pageSize: number; total: number }): boolean {
  return total > 0 && page > pageCount(total, pageSize);
}

type PagingProps = {
  page: number;
  pageSize: number;
  total: number;
  /** The rest of the list's URL state, kept on every page link. */
  params: Record<string, string>;
  basePath: string;
  noun: string;
};

/** A GET form that jumps to a page; it works without JavaScript and navigates in place with it. */
function JumpToPage({
  page,
  pages,
  params,
  basePath,
}: { page: number; pages: number } & Pick<PagingProps, 'params' | 'basePath'>) {
  return (
    <Form action={basePath} className="flex items-center gap-1.5">
      {Object.entries(params)
        .filter(([, value]) => isSet(value))
        .map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
      <label htmlFor="jump-to-page" className="whitespace-nowrap">
        Page
      </label>
      <input
        id="jump-to-page"
        name="page"
        type="number"
        inputMode="numeric"
        min={1}
        max={pages}
        defaultValue={Math.min(page, pages)}
        className="w-16 rounded-md border-0 bg-white px-2 py-1 text-sm text-slate-900 tabular-nums ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500 focus:outline-none"
      />
      <span className="whitespace-nowrap">of {numberFormat.format(pages)}</span>
      <button type="submit" className={buttonClasses('secondary', 'sm')}>
        Go
      </button>
    </Form>
  );
}

/** Where a person is in a list, how many pages it has, previous/next links and a jump to any page. */
export function Pagination({ page, pageSize, total, params, basePath, noun }: PagingProps) {
  if (total === 0) return null;
  const pages = pageCount(total, pageSize);
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 text-sm text-slate-500"
    >
      <p className="tabular-nums">
        {first <= total
          ? `${numberFormat.format(first)}–${numberFormat.format(last)} of ${numberFormat.format(total)} ${noun}`
          : `${numberFormat.format(total)} ${noun}`}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {pages > 1 ? <JumpToPage page={page} pages={pages} params={params} basePath={basePath} /> : null}
        {page > 1 ? (
          <Link
            className={buttonClasses('secondary', 'sm')}
            href={pageHref(basePath, params, Math.min(page - 1, pages))}
            rel="prev"
          >
            <ChevronLeft className="size-3.5" aria-hidden />
            Previous
          </Link>
        ) : null}
        {page < pages ? (
          <Link className={buttonClasses('secondary', 'sm')} href={pageHref(basePath, params, page + 1)} rel="next">
            Next
            <ChevronRight className="size-3.5" aria-hidden />
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

/** What a list shows when its address asks for a page after the last one: not "empty", but where the end is. */
export function PastLastPage({ page, pageSize, total, params, basePath, noun }: PagingProps) {
  const pages = pageCount(total, pageSize);
  return (
    <EmptyState
      icon={SearchX}
      title={`There is no page ${numberFormat.format(page)}`}
      action={
        <Link href={pageHref(basePath, params, pages)} className={buttonClasses('secondary')}>
          Go to the last page ({numberFormat.format(pages)})
        </Link>
      }
    >
      {`These ${numberFormat.format(total)} ${noun} fill ${numberFormat.format(pages)} ${pages === 1 ? 'page' : 'pages'}.`}
    </EmptyState>
  );
}
