import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/session';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { CredentialForm } from '@/components/inventory-edit/credential-form';
import { searchPeopleAction } from '../../identities/actions';
import { createCredentialAction, searchNhisAction } from '../actions';

export const metadata: Metadata = { title: 'Add a credential' };

export default async function NewCredentialPage() {
  await requirePagePermission('inventory.manage');
  return (
    <>
      <PageHeader
        title="Add a credential"
        description="What authenticates, as whom, and who holds it. A person's credential held by an NHI is flagged as borrowed."
      />
      <Card className="max-w-3xl p-6">
        <CredentialForm
          action={createCredentialAction}
          searchPeople={searchPeopleAction}
          searchNhis={searchNhisAction}
        />
      </Card>
    </>
  );
}
