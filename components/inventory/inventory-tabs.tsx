import type { DashboardRole } from '@/lib/db/generated/sqlite/enums';
import type { Permission } from '@/lib/auth/permissions';
import { visibleTo } from '@/components/shell/navigation';
import { TabBar } from '@/components/ui/tab-bar';

const TABS: { href: string; label: string; anyOf: Permission[] }[] = [
  { href: '/inventory', label: 'Identities', anyOf: ['inventory.read'] },
  { href: '/inventory/credentials', label: 'Credentials', anyOf: ['inventory.read'] },
  { href: '/inventory/findings', label: 'Findings', anyOf: ['inventory.read'] },
  { href: '/inventory/people', label: 'People', anyOf: ['people.read'] },
];

export function InventoryTabs({ role }: { role: DashboardRole }) {
  return <TabBar label="Inventory" items={visibleTo(TABS, role)} />;
}
