'use client';

import Link, { useLinkStatus } from 'next/link';
import { usePathname } from 'next/navigation';
import type { DashboardRole } from '@/lib/db/generated/sqlite/enums';
import { cn } from '@/components/ui/cn';
import { NAV_ITEMS, visibleTo } from './navigation';

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/** While the page a link leads to is loading, a quiet pulse beside the link says that the click was taken. */
function LoadingMarker() {
  const { pending } = useLinkStatus();
  if (!pending) return null;
  return (
    <span role="status" className="ml-auto size-2 shrink-0 animate-pulse rounded-full bg-on-accent/70">
      <span className="sr-only">Loading</span>
    </span>
  );
}

export function Sidebar({ role }: { role: DashboardRole }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5 px-3">
      {visibleTo(NAV_ITEMS, role).map(({ href, label, icon: Icon }) => {
        const active = isActive(pathname, href);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium transition-colors',
              active ? 'bg-on-accent/10 text-on-accent' : 'text-nav-muted hover:bg-on-accent/5 hover:text-on-accent',
            )}
          >
            <Icon className="size-4 shrink-0" aria-hidden />
            <span className="truncate">{label}</span>
            <LoadingMarker />
          </Link>
        );
      })}
    </nav>
  );
}
