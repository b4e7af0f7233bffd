import { forbidden, redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { SETTINGS_ITEMS, visibleTo } from '@/components/shell/navigation';

export default async function SettingsPage() {
  const actor = await requireActor();
  const [first] = visibleTo(SETTINGS_ITEMS, actor.role);
  if (!first) forbidden();
  redirect(first.href);
}
