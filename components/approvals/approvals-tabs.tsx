import type { DashboardRole } from '@/lib/db/generated/sqlite/enums';
import type { Permission } from '@/lib/auth/permissions';
import { visibleTo } from '@/components/shell/navigation';
import { TabBar } from '@/components/ui/tab-bar';

const TABS: { href: string; label: string; anyOf: Permission[] }[] = [
  { href: '/approvals', label: 'Queue', anyOf: ['scope.approve'] },
  { href: '/approvals/grants', label: 'Active grants', anyOf: ['credential.revoke', 'credential.revoke_any'] },
  { href: '/approvals/revoke', label: 'Bulk revocation', anyOf: ['revocation.bulk'] },
];

export function ApprovalsTabs({ role }: { role: DashboardRole }) {
  return <TabBar label="Approvals" items={visibleTo(TABS, role)} />;
}
