import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/session';
import { ComingSoon } from '@/components/ui/coming-soon';

export const metadata: Metadata = { title: 'Borrowed credentials' };

export default async function BorrowedPage() {
  await requirePagePermission('borrowed.read');
  return (
    <ComingSoon
      title="Borrowed credentials"
      description="Agents that act with a person's password, token, cookie or OAuth grant."
      planned={[
        'Detection from the inventory and imported logs, with evidence',
        'Remediation from open to resolved',
        'A burn-down chart',
      ]}
    />
  );
}
