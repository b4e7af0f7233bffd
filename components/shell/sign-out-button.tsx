'use client';

import { signOut } from 'next-auth/react';
import { LogOut } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';

export function SignOutButton() {
  return (
    <button type="button" className={buttonClasses('ghost', 'sm')} onClick={() => signOut({ callbackUrl: '/signin' })}>
      <LogOut className="size-3.5" aria-hidden />
      Sign out
    </button>
  );
}
