import Link from 'next/link';
import { buttonClasses } from './button';

const numberFormat = new Intl.NumberFormat('en-US');

function href(basePath: string, params: Record<string, string>, page: number): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== '' && value !== 'all'));
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${basePath}?${text}` : basePath;
}

/** Previous/next links that keep the rest of the URL's state. */
export function Pagination({
  page,
  pageSize,
  total,
  params,
  basePath,
  noun,
}: {
  page: number;
  pageSize: number;
  total: number;
  params: Record<string, string>;
  basePath: string;
  noun: string;
}) {
  if (total === 0) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-3 px-4 py-3 text-sm text-slate-500">
      <p>
        {first <= total
          ? `${numberFormat.format(first)}–${numberFormat.format(last)} of ${numberFormat.format(total)} ${noun}`
          : `Page ${page} is past the last page`}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={buttonClasses('secondary', 'sm')} href={href(basePath, params, Math.min(page - 1, pages))}>
            Previous
          </Link>
        ) : null}
        {page < pages ? (
          <Link className={buttonClasses('secondary', 'sm')} href={href(basePath, params, page + 1)}>
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
