'use client';

import { useState } from 'react';
import { Combobox, type PickerSearch } from './combobox';

export type Picked = { id: string; label: string };

type Props = {
  id: string;
  /** The form field that carries the picked id; `<name>Label` carries its label, so a rejected form shows it again. */
  name: string;
  search: PickerSearch;
  initial?: Picked;
  placeholder: string;
  listLabel: string;
  invalid?: boolean;
};

/** Picks one thing out of many by searching for it: the inventory is far too large for a select. */
export function SinglePicker({ id, name, search, initial, placeholder, listLabel, invalid }: Props) {
  const [picked, setPicked] = useState<Picked | null>(initial?.id ? initial : null);
  return (
    <>
      <input type="hidden" name={name} value={picked?.id ?? ''} />
      <input type="hidden" name={`${name}Label`} value={picked?.label ?? ''} />
      <Combobox
        id={id}
        search={search}
        initialText={initial?.label}
        onPick={(option) => setPicked({ id: option.id, label: option.label })}
        onEdit={() => setPicked(null)}
        placeholder={placeholder}
        listLabel={listLabel}
        invalid={invalid}
      />
    </>
  );
}
