'use client';

import { useState } from 'react';
import { usePathname } from 'next/navigation';
import { Dialog } from 'radix-ui';
import { Menu, X } from 'lucide-react';
import type { DashboardRole } from '@/lib/db/generated/sqlite/enums';
import { Brand } from './brand';
import { Sidebar } from './sidebar';

/**
 * The navigation on a narrow screen: a menu button that opens it as a sheet from the left (a modal dialog, so
 * focus stays inside and Escape closes it). Following a link closes it: it is open only on the page it was
 * opened on.
 */
export function MobileNav({ role }: { role: DashboardRole }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <Dialog.Root open={open} onOpenChange={(next) => setOpenOn(next ? pathname : null)}>
      <Dialog.Trigger className="-ml-1 inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-on-accent hover:bg-on-accent/10">
        <Menu className="size-5" aria-hidden />
        Menu
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-6 overflow-y-auto bg-nav py-4 shadow-xl">
          <div className="flex items-center justify-between px-5">
            <Dialog.Title asChild>
              <div>
                <Brand />
                <span className="sr-only">Navigation</span>
              </div>
            </Dialog.Title>
            <Dialog.Close
              className="rounded-md p-1.5 text-nav-muted hover:bg-on-accent/10 hover:text-on-accent"
              aria-label="Close the menu"
            >
              <X className="size-5" aria-hidden />
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">Steward&rsquo;s pages that your role may open.</Dialog.Description>
          <Sidebar role={role} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
