import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/session';
import { ComingSoon } from '@/components/ui/coming-soon';

export const metadata: Metadata = { title: 'Audit' };

export default async function AuditPage() {
  await requirePagePermission('audit.read');
  return (
    <ComingSoon
      title="Audit trail"
      description="Append-only, hash-chained evidence that keeps who asked apart from what acted."
      planned={[
        'Filters by initiator, executor, attribution, action, outcome and time',
        'Chain verification from the page',
        'Charts of people against agents',
      ]}
    />
  );
}
