import type { ImportKind } from '@/lib/inventory/csv-import';
import { cn } from '@/components/ui/cn';
import type { ImportFormat } from './format-guide';

/** Identities or credentials: a choice worth a sentence each, so radio cards rather than a select. */
export function KindPicker({
  formats,
  value,
  onChange,
}: {
  formats: ImportFormat[];
  value: ImportKind;
  onChange: (kind: ImportKind) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-2 block text-sm font-medium text-slate-700">What the file holds</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {formats.map((format) => {
          const checked = value === format.kind;
          return (
            <label
              key={format.kind}
              className={cn(
                'flex cursor-pointer gap-3 rounded-lg p-3 ring-inset',
                checked ? 'bg-brand-50/60 ring-2 ring-brand-500' : 'ring-1 ring-slate-300 hover:bg-slate-50',
              )}
            >
              <input
                type="radio"
                name="kind"
                value={format.kind}
                checked={checked}
                onChange={() => onChange(format.kind)}
                className="mt-0.5 size-4 shrink-0 accent-brand-600"
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">{format.label}</span>
                <span className="mt-0.5 block text-xs text-slate-500">{format.description}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
