import Link from 'next/link';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import type { SortDirection } from '@/lib/inventory/schemas';
import { Th } from '@/components/ui/table';
import { cn } from '@/components/ui/cn';

/** A column header that sorts the list by its column: a link, so the sort lives in the URL. */
export function SortHeader({
  label,
  href,
  direction,
  className,
}: {
  label: string;
  href: string;
  /** The list's direction when it is sorted by this column, else null. */
  direction: SortDirection | null;
  className?: string;
}) {
  const Icon = direction === 'asc' ? ArrowUp : direction === 'desc' ? ArrowDown : ArrowUpDown;
  return (
    <Th
      className={className}
      aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined}
    >
      <Link
        href={href}
        className={cn(
          'inline-flex items-center gap-1 whitespace-nowrap hover:text-slate-800',
          direction && 'text-slate-800',
        )}
      >
        {label}
        <Icon className={cn('size-3.5', !direction && 'text-slate-300')} aria-hidden />
      </Link>
    </Th>
  );
}
