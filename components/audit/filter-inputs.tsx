'use client';

import { useState, type InputHTMLAttributes } from 'react';
import { Input } from '@/components/ui/field';

/** A day picker that shows the address's day, also after Clear or Back; picking a day applies it. */
export function SyncedDayInput({
  value,
  ...props
}: { value: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'type'>) {
  const [day, setDay] = useState(value);
  const [followed, setFollowed] = useState(value);
  if (value !== followed) {
    setFollowed(value);
    setDay(value);
  }
  return <Input {...props} type="date" value={day} onChange={(event) => setDay(event.target.value)} />;
}
