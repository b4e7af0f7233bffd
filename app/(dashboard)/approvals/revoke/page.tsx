import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/session';
import { PageHeader } from '@/components/ui/page-header';
import { ApprovalsTabs } from '@/components/approvals/approvals-tabs';
import { BulkRevocation } from '@/components/revocation/bulk-revocation';
import { previewRevocationAction, runRevocationAction, searchTargetsAction } from './actions';

export const metadata: Metadata = { title: 'Bulk revocation' };

export default async function BulkRevocationPage() {
  const actor = await requirePagePermission('revocation.bulk');
  return (
    <>
      <ApprovalsTabs role={actor.role} />
      <PageHeader
        title="Bulk revocation"
        description="End every grant of an identity, a person, a source system or a sponsor at once. You see the impact first; afterwards, a receipt shows that the decision code now refuses each revoked task token."
      />
      <BulkRevocation
        actions={{ preview: previewRevocationAction, revoke: runRevocationAction, search: searchTargetsAction }}
      />
    </>
  );
}
