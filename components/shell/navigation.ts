import {
  Boxes,
  FileCheck2,
  KeyRound,
  LayoutDashboard,
  ListChecks,
  ScrollText,
  Settings,
  type LucideIcon,
} from 'lucide-react';
import type { DashboardRole } from '@/lib/db/generated/sqlite/enums';
import { roleHas, type Permission } from '@/lib/auth/permissions';

export type NavItem = { href: string; label: string; icon: LucideIcon; anyOf: Permission[] };

export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'Overview', icon: LayoutDashboard, anyOf: ['overview.read'] },
  { href: '/inventory', label: 'Inventory', icon: Boxes, anyOf: ['inventory.read'] },
  {
    href: '/borrowed',
    label: 'Borrowed credentials',
    icon: KeyRound,
    anyOf: ['borrowed.read', 'borrowed.read_sponsored'],
  },
  { href: '/approvals', label: 'Approvals', icon: ListChecks, anyOf: ['scope.approve'] },
  { href: '/audit', label: 'Audit', icon: ScrollText, anyOf: ['audit.read'] },
  { href: '/evidence', label: 'Evidence', icon: FileCheck2, anyOf: ['evidence.export'] },
  {
    href: '/settings',
    label: 'Settings',
    icon: Settings,
    anyOf: ['people.manage_access', 'apikey.manage', 'settings.manage'],
  },
];

export const SETTINGS_ITEMS: Omit<NavItem, 'icon'>[] = [
  { href: '/settings/people', label: 'People & access', anyOf: ['people.manage_access'] },
  { href: '/settings/api-keys', label: 'API keys', anyOf: ['apikey.manage'] },
  { href: '/settings/policy', label: 'Scope policy', anyOf: ['settings.manage'] },
  { href: '/settings/webhook', label: 'Webhook', anyOf: ['settings.manage'] },
];

export function visibleTo<T extends { anyOf: Permission[] }>(items: T[], role: DashboardRole): T[] {
  return items.filter((item) => item.anyOf.some((permission) => roleHas(role, permission)));
}
