import type { DashboardRole } from '@/lib/db/generated/sqlite/enums';
import { TabBar } from '@/components/ui/tab-bar';
import { SETTINGS_ITEMS, visibleTo } from './navigation';

export function SettingsTabs({ role }: { role: DashboardRole }) {
  return <TabBar label="Settings" items={visibleTo(SETTINGS_ITEMS, role)} />;
}
