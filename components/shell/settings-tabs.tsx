'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { DashboardRole } from '@/lib/db/generated/sqlite/enums';
import { cn } from '@/components/ui/cn';
import { SETTINGS_ITEMS, visibleTo } from './navigation';

export function SettingsTabs({ role }: { role: DashboardRole }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-6 flex gap-1 border-b border-slate-200">
      {visibleTo(SETTINGS_ITEMS, role).map(({ href, label }) => (
        <Link
          key={href}
          href={href}
          aria-current={pathname === href ? 'page' : undefined}
          className={cn(
            '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
            pathname === href
              ? 'border-brand-600 text-brand-700'
              : 'border-transparent text-slate-500 hover:text-slate-800',
          )}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
