import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/session';
import { readScopePolicy } from '@/lib/scopes/policy';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/shell/settings-tabs';
import { ScopePolicyForm } from '@/components/settings/scope-policy-form';
import { updateScopePolicyAction } from './actions';

export const metadata: Metadata = { title: 'Scope policy' };

export default async function ScopePolicyPage() {
  const actor = await requirePagePermission('settings.manage');
  const policy = await readScopePolicy();
  return (
    <>
      <SettingsTabs role={actor.role} />
      <PageHeader
        title="Scope policy"
        description="How long an approved task scope may last, which actions count as changing state, and when a scope needs a second approval by Security. Every change is recorded in the audit trail."
      />
      <ScopePolicyForm policy={policy} save={updateScopePolicyAction} />
    </>
  );
}
