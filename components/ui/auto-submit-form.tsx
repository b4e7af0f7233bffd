'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useSyncExternalStore, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { cn } from './cn';

/** How long typing in a search box may pause before the list follows it. */
const SEARCH_DEBOUNCE_MS = 400;

const subscribeToNothing = () => () => {};

/** True once the page is interactive: until then, and without JavaScript, the form needs its submit button. */
export function useInteractive(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

function isTextEntry(target: EventTarget): boolean {
  return target instanceof HTMLInputElement && ['search', 'text'].includes(target.type);
}

/** The address a GET form would go to, without the fields left empty (a select on "All", an empty search). */
function addressOf(action: string, data: FormData): string {
  const query = new URLSearchParams();
  for (const [name, value] of data) {
    if (typeof value === 'string' && value.trim() !== '') query.append(name, value);
  }
  const text = query.toString();
  return text ? `${action}?${text}` : action;
}

/**
 * A GET form whose choices apply as soon as they change: a select or checkbox at once, a search box after a
 * short pause in typing (or on Enter). Without JavaScript it is a plain form with its submit button.
 */
export function AutoSubmitForm({
  action,
  className,
  submitLabel,
  submitClassName,
  children,
}: {
  action: string;
  className?: string;
  submitLabel: string;
  submitClassName: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const interactive = useInteractive();
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);

  const onChange = (event: ChangeEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    clearTimeout(pending.current);
    if (isTextEntry(event.target)) {
      pending.current = setTimeout(() => form.requestSubmit(), SEARCH_DEBOUNCE_MS);
    } else {
      form.requestSubmit();
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clearTimeout(pending.current);
    router.push(addressOf(action, new FormData(event.currentTarget)), { scroll: false });
  };

  return (
    <form action={action} className={className} role="search" onChange={onChange} onSubmit={onSubmit}>
      {children}
      {/* Kept for Enter and for assistive technology once the form applies itself; visible only without it. */}
      <button
        type="submit"
        className={cn(submitClassName, interactive && 'sr-only')}
        tabIndex={interactive ? -1 : undefined}
      >
        {submitLabel}
      </button>
    </form>
  );
}
