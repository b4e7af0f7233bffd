import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/session';
import { ComingSoon } from '@/components/ui/coming-soon';
import { SettingsTabs } from '@/components/shell/settings-tabs';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const actor = await requirePagePermission('apikey.manage');
  return (
    <>
      <SettingsTabs role={actor.role} />
      <ComingSoon
        title="API keys"
        description="Keys for agents, log collectors, automations and auditors, shown once."
        planned={['Create agent, ingest, admin and audit keys', 'See when each key was last used', 'Revoke a key']}
      />
    </>
  );
}
