'use client';

import { useState, type InputHTMLAttributes } from 'react';
import { Input } from './field';

/**
 * A list's search box. It follows the address when the address changes from elsewhere (Clear, Back), but never
 * overwrites what the person is still typing while the list catches up with them.
 */
export function SearchInput({
  query,
  ...props
}: { query: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'type'>) {
  const [value, setValue] = useState(query);
  const [followed, setFollowed] = useState(query);
  // What the person typed since the address last changed: an address carrying one of these came from them.
  const [typed, setTyped] = useState<string[]>([]);
  if (query !== followed) {
    setFollowed(query);
    if (typed.includes(query)) {
      setTyped([value.trim()]);
    } else {
      setValue(query);
      setTyped([]);
    }
  }
  return (
    <Input
      {...props}
      type="search"
      value={value}
      onChange={(event) => {
        setTyped((before) => [...before, event.target.value.trim()]);
        setValue(event.target.value);
      }}
    />
  );
}
