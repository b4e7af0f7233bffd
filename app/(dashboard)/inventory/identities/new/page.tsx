import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/session';
import { activePeopleOptions } from '@/lib/people/options';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { NhiForm } from '@/components/inventory-edit/nhi-form';
import { createNhiAction } from '../actions';

export const metadata: Metadata = { title: 'Add an identity' };

export default async function NewNhiPage() {
  const actor = await requirePagePermission('inventory.manage');
  const people = await activePeopleOptions(actor);
  return (
    <>
      <PageHeader
        title="Add a non-human identity"
        description="An agent, service account, workload, integration, bot or pipeline, and the person accountable for it."
      />
      <Card className="max-w-3xl p-6">
        <NhiForm
          action={createNhiAction}
          initial={{ environment: 'production' }}
          people={people}
          submitLabel="Add identity"
          cancelHref="/inventory"
        />
      </Card>
    </>
  );
}
