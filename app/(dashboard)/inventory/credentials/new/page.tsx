import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/session';
import { nhiOptions } from '@/lib/inventory/options';
import { activePeopleOptions } from '@/lib/people/options';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { CredentialForm } from '@/components/inventory-edit/credential-form';
import { createCredentialAction } from '../actions';

export const metadata: Metadata = { title: 'Add a credential' };

export default async function NewCredentialPage() {
  const actor = await requirePagePermission('inventory.manage');
  const [people, nhis] = await Promise.all([activePeopleOptions(actor), nhiOptions(actor)]);
  return (
    <>
      <PageHeader
        title="Add a credential"
        description="What authenticates, as whom, and who holds it. A person's credential held by an NHI is flagged as borrowed."
      />
      <Card className="max-w-3xl p-6">
        <CredentialForm action={createCredentialAction} people={people} nhis={nhis} />
      </Card>
    </>
  );
}
