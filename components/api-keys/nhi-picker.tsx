'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { searchNhisAction, type NhiOption } from '@/app/(dashboard)/settings/api-keys/actions';
import { Input } from '@/components/ui/field';
import { cn } from '@/components/ui/cn';

const SEARCH_DELAY_MS = 200;

export type PickedNhi = { id: string; label: string };

function labelOf(nhi: NhiOption): string {
  return `${nhi.name} (${nhi.system}, ${nhi.environment})`;
}

/**
 * A combobox over the inventory: type part of a name, identifier or system (or paste an NHI's id) and pick one.
 * Submits the picked NHI's id as `nhiId`, and its label as `nhiLabel` so a rejected form can show it again.
 */
export function NhiPicker({ id, initial, invalid }: { id: string; initial?: PickedNhi; invalid?: boolean }) {
  const listId = useId();
  const [text, setText] = useState(initial?.label ?? '');
  const [picked, setPicked] = useState<PickedNhi | null>(initial?.id ? initial : null);
  const [options, setOptions] = useState<NhiOption[]>([]);
  const [active, setActive] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latestQuery = useRef('');

  useEffect(() => () => clearTimeout(timer.current), []);

  function search(query: string) {
    clearTimeout(timer.current);
    latestQuery.current = query;
    if (!query.trim()) {
      setOptions([]);
      return;
    }
    timer.current = setTimeout(async () => {
      const found = await searchNhisAction(query);
      if (latestQuery.current !== query) return;
      setOptions(found);
      setActive(0);
    }, SEARCH_DELAY_MS);
  }

  function pick(nhi: NhiOption) {
    setPicked({ id: nhi.id, label: labelOf(nhi) });
    setText(labelOf(nhi));
    setOptions([]);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (options.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + options.length) % options.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(options[active]);
    }
  }

  const open = options.length > 0;
  return (
    <div className="relative">
      <input type="hidden" name="nhiId" value={picked?.id ?? ''} />
      <input type="hidden" name="nhiLabel" value={picked?.label ?? ''} />
      <Input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        autoComplete="off"
        placeholder="Search by name, identifier or system"
        value={text}
        invalid={invalid}
        onChange={(event) => {
          setText(event.target.value);
          setPicked(null);
          search(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOptions([])}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Matching identities"
        className={cn(
          'absolute z-10 mt-1 max-h-64 w-full overflow-y-auto rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200',
          !open && 'hidden',
        )}
      >
        {options.map((nhi, index) => (
          <li
            key={nhi.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={cn('cursor-pointer px-3 py-2 text-sm', index === active && 'bg-brand-50')}
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(index)}
            onClick={() => pick(nhi)}
          >
            <p className="truncate font-medium text-slate-900">{nhi.name}</p>
            <p className="truncate text-xs text-slate-500">
              {nhi.system} · {nhi.environment} · {nhi.id}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
