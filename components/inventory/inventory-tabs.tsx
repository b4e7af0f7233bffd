'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { DashboardRole } from '@/lib/db/generated/sqlite/enums';
import { visibleTo } from '@/components/shell/navigation';
import type { Permission } from '@/lib/auth/permissions';
import { cn } from '@/components/ui/cn';

const TABS: { href: string; label: string; anyOf: Permission[] }[] = [
  { href: '/inventory', label: 'Identities', anyOf: ['inventory.read'] },
  { href: '/inventory/credentials', label: 'Credentials', anyOf: ['inventory.read'] },
  { href: '/inventory/people', label: 'People', anyOf: ['people.read'] },
];

export function InventoryTabs({ role }: { role: DashboardRole }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Inventory" className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200">
      {visibleTo(TABS, role).map(({ href, label }) => (
        <Link
          key={href}
          href={href}
          aria-current={pathname === href ? 'page' : undefined}
          className={cn(
            '-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
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
