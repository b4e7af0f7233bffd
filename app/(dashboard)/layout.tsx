import type { ReactNode } from 'react';
import { requireActor } from '@/lib/auth/session';
import { isDemoMode } from '@/lib/settings/demo';
import { Brand } from '@/components/shell/brand';
import { DemoBanner } from '@/components/shell/demo-banner';
import { Header } from '@/components/shell/header';
import { MobileNav } from '@/components/shell/mobile-nav';
import { Sidebar } from '@/components/shell/sidebar';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const [actor, demo] = await Promise.all([requireActor(), isDemoMode()]);
  return (
    <div className="flex min-h-screen flex-col">
      {demo ? <DemoBanner /> : null}
      <div className="flex flex-1">
        <aside className="hidden w-60 shrink-0 bg-nav md:block">
          <div className="sticky top-0 flex h-screen flex-col gap-6 py-4">
            <div className="px-5">
              <Brand />
            </div>
            <Sidebar role={actor.role} />
          </div>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="flex items-center gap-3 bg-nav px-4 py-2 md:hidden">
            <MobileNav role={actor.role} />
            <Brand />
          </div>
          <Header actor={actor} />
          <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:px-6 lg:px-8">{children}</main>
        </div>
      </div>
    </div>
  );
}
