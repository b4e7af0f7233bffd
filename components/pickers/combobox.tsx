'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Input } from '@/components/ui/field';
import { cn } from '@/components/ui/cn';

const SEARCH_DELAY_MS = 200;

/** One suggestion: what it is called, and a line that tells look-alikes apart. */
export type PickerOption = { id: string; label: string; detail: string };

/** Asks the server for suggestions; a server action handed down by the page. */
export type PickerSearch = (query: string) => Promise<PickerOption[]>;

type Props = {
  id: string;
  search: PickerSearch;
  onPick: (option: PickerOption) => void;
  /** Called when the person types again after a pick: the pick no longer holds. */
  onEdit?: () => void;
  initialText?: string;
  /** Empties the box after a pick, for lists that gather several picks. */
  clearOnPick?: boolean;
  placeholder: string;
  listLabel: string;
  invalid?: boolean;
};

/** A text box that suggests matches from the server as one types; arrows and Enter pick without a mouse. */
export function Combobox({
  id,
  search,
  onPick,
  onEdit,
  initialText = '',
  clearOnPick,
  placeholder,
  listLabel,
  invalid,
}: Props) {
  const listId = useId();
  const [text, setText] = useState(initialText);
  const [options, setOptions] = useState<PickerOption[]>([]);
  const [active, setActive] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latestQuery = useRef('');

  useEffect(() => () => clearTimeout(timer.current), []);

  function suggest(query: string) {
    clearTimeout(timer.current);
    latestQuery.current = query;
    if (!query.trim()) {
      setOptions([]);
      return;
    }
    timer.current = setTimeout(async () => {
      const found = await search(query);
      if (latestQuery.current !== query) return;
      setOptions(found);
      setActive(0);
    }, SEARCH_DELAY_MS);
  }

  function pick(option: PickerOption) {
    onPick(option);
    setText(clearOnPick ? '' : option.label);
    latestQuery.current = '';
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
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOptions([]);
    }
  }

  const open = options.length > 0;
  return (
    <div className="relative">
      <Input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        invalid={invalid}
        onChange={(event) => {
          setText(event.target.value);
          onEdit?.();
          suggest(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOptions([])}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={listLabel}
        className={cn(
          'absolute z-10 mt-1 max-h-64 w-full overflow-y-auto rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200',
          !open && 'hidden',
        )}
      >
        {options.map((option, index) => (
          <li
            key={option.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={cn('cursor-pointer px-3 py-2 text-sm', index === active && 'bg-brand-50')}
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(index)}
            onClick={() => pick(option)}
          >
            <p className="truncate font-medium text-slate-900">{option.label}</p>
            <p className="truncate text-xs text-slate-500">{option.detail}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
