'use client';

import { useSyncExternalStore } from 'react';
import { signOut } from 'next-auth/react';
import { LogOut } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';

const subscribeToNothing = () => () => {};

/** Disabled until the page is interactive, so an early click is visibly not taken rather than silently lost. */
export function SignOutButton() {
  const interactive = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  return (
    <button
      type="button"
      className={buttonClasses('ghost', 'sm')}
      disabled={!interactive}
      onClick={() => signOut({ callbackUrl: '/signin' })}
    >
      <LogOut className="size-3.5" aria-hidden />
      Sign out
    </button>
  );
}
