import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/session';
import { ComingSoon } from '@/components/ui/coming-soon';

export const metadata: Metadata = { title: 'Approvals' };

export default async function ApprovalsPage() {
  await requirePagePermission('scope.approve');
  return (
    <ComingSoon
      title="Approvals"
      description="Task scopes that agents asked for, waiting for their sponsor."
      planned={[
        'Approve with a TTL capped by policy, or deny with a reason',
        'Second approval by Security for risky scopes',
        'Revoke grants',
      ]}
    />
  );
}
