'use client';

import { useState, type InputHTMLAttributes, type SelectHTMLAttributes } from 'react';
import { Select } from './field';

/** A value that the person may change, and that follows its prop when the address changes from elsewhere. */
function useFollowedState<T>(prop: T): [T, (next: T) => void] {
  const [value, setValue] = useState(prop);
  const [followed, setFollowed] = useState(prop);
  if (prop !== followed) {
    setFollowed(prop);
    setValue(prop);
  }
  return [value, setValue];
}

/** A filter select that shows the address's choice, also after Clear or Back, without losing focus. */
export function SyncedSelect({
  value,
  ...props
}: { value: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'defaultValue'>) {
  const [selected, setSelected] = useFollowedState(value);
  return <Select {...props} value={selected} onChange={(event) => setSelected(event.target.value)} />;
}

export function SyncedCheckbox({
  checked,
  ...props
}: { checked: boolean } & Omit<InputHTMLAttributes<HTMLInputElement>, 'checked' | 'defaultChecked' | 'type'>) {
  const [ticked, setTicked] = useFollowedState(checked);
  return <input {...props} type="checkbox" checked={ticked} onChange={(event) => setTicked(event.target.checked)} />;
}
