'use client';

import { useOptimistic, useTransition } from 'react';
import { DropdownMenu } from 'radix-ui';
import { Check, Columns3 } from 'lucide-react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { buttonClasses } from './button';
import { cn } from './cn';

export type ChoosableColumn = { id: string; label: string };

/**
 * Which optional columns a table shows, kept in the address (`cols=a,b`) so that a link or a reload keeps them.
 * The column the table is sorted by is always shown, so it cannot be hidden here.
 */
export function ColumnChooser({
  columns,
  chosen,
  sortedBy,
}: {
  columns: readonly ChoosableColumn[];
  chosen: readonly string[];
  sortedBy: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  // Two quick ticks must both count: each builds on what the last one chose, not on the address not yet updated.
  const [shown, setShown] = useOptimistic(chosen);
  const [, startTransition] = useTransition();

  const toggle = (id: string, show: boolean) => {
    const next = columns.map((column) => column.id).filter((column) => (column === id ? show : shown.includes(column)));
    const params = new URLSearchParams(searchParams.toString());
    if (next.length > 0) params.set('cols', next.join(','));
    else params.delete('cols');
    const query = params.toString();
    startTransition(() => {
      setShown(next);
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    });
  };

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={buttonClasses('ghost')}>
        <Columns3 className="size-4" aria-hidden />
        Columns
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          className="z-40 min-w-52 rounded-md bg-white p-1 text-sm shadow-lg ring-1 ring-slate-200"
        >
          <DropdownMenu.Label className="px-2 py-1.5 text-xs font-semibold text-slate-500">
            Show these as their own columns
          </DropdownMenu.Label>
          {columns.map((column) => {
            const sorted = column.id === sortedBy;
            return (
              <DropdownMenu.CheckboxItem
                key={column.id}
                checked={sorted || shown.includes(column.id)}
                disabled={sorted}
                onSelect={(event) => event.preventDefault()}
                onCheckedChange={(checked) => toggle(column.id, checked === true)}
                className={cn(
                  'flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-slate-800 outline-none select-none',
                  'data-disabled:text-slate-400 data-highlighted:bg-slate-100',
                )}
              >
                <span className="flex size-4 items-center justify-center rounded ring-1 ring-slate-300 ring-inset">
                  <DropdownMenu.ItemIndicator>
                    <Check className="size-3.5" aria-hidden />
                  </DropdownMenu.ItemIndicator>
                </span>
                {column.label}
                {sorted ? <span className="ml-auto text-xs">sorted</span> : null}
              </DropdownMenu.CheckboxItem>
            );
          })}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
