import type { ReactNode } from 'react';
import Link from 'next/link';
import { Search } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';
import { AutoSubmitForm } from '@/components/ui/auto-submit-form';
import { SearchInput } from '@/components/ui/search-input';
import { SyncedCheckbox, SyncedSelect } from '@/components/ui/synced-controls';

export type Option = { value: string; label: string };

/**
 * A list's filters as a GET form that applies each change: it writes them to the URL (and starts again at page
 * 1). `keep` holds state the form does not show, such as the sort.
 */
export function FilterBar({
  action,
  query,
  searchLabel,
  searchPlaceholder,
  keep,
  clearHref,
  narrowed,
  aside,
  children,
}: {
  action: string;
  query: string;
  searchLabel: string;
  searchPlaceholder: string;
  keep: Record<string, string>;
  clearHref: string;
  narrowed: boolean;
  /** Controls about the list's display rather than its content, at the end of the bar. */
  aside?: ReactNode;
  children: ReactNode;
}) {
  return (
    <AutoSubmitForm
      action={action}
      className="flex flex-wrap items-center gap-2 border-b border-slate-100 p-4"
      submitLabel="Filter"
      submitClassName={buttonClasses('secondary')}
    >
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="relative min-w-56 flex-1">
        <Search className="pointer-events-none absolute top-2.5 left-3 size-4 text-slate-400" aria-hidden />
        <SearchInput name="q" query={query} placeholder={searchPlaceholder} aria-label={searchLabel} className="pl-9" />
      </div>
      {children}
      {narrowed ? (
        <Link href={clearHref} className={buttonClasses('ghost')}>
          Clear
        </Link>
      ) : null}
      {aside ? <div className="ml-auto">{aside}</div> : null}
    </AutoSubmitForm>
  );
}

/** A select whose first option means "any". A value the options lack (from an old link) is kept selectable. */
export function FilterSelect({
  name,
  label,
  anyLabel,
  value,
  options,
}: {
  name: string;
  label: string;
  anyLabel: string;
  value: string | undefined;
  options: Option[];
}) {
  const known = !value || options.some((option) => option.value === value);
  const choices = known ? options : [...options, { value, label: value }];
  return (
    <SyncedSelect name={name} value={value ?? ''} aria-label={label} className="w-auto max-w-48">
      <option value="">{anyLabel}</option>
      {choices.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SyncedSelect>
  );
}

export function FilterCheckbox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label className="inline-flex items-center gap-2 px-1 text-sm whitespace-nowrap text-slate-700">
      <SyncedCheckbox
        name={name}
        value="1"
        checked={checked}
        className="size-4 rounded border-slate-300 accent-brand-600"
      />
      {label}
    </label>
  );
}

/** Enum values as options, in the order given, with their labels. */
export function optionsOf<T extends string>(values: readonly T[], labels: Record<T, string>): Option[] {
  return values.map((value) => ({ value, label: labels[value] }));
}
