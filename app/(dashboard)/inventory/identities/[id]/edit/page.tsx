import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { can } from '@/lib/auth/actor';
import { requirePagePermission } from '@/lib/auth/session';
import { findNhiForEdit } from '@/lib/identities/manage';
import { activePeopleOptions } from '@/lib/people/options';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { NhiForm } from '@/components/inventory-edit/nhi-form';
import { updateNhiAction } from '../../actions';

export const metadata: Metadata = { title: 'Edit identity' };

export default async function EditNhiPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission('inventory.edit_sponsored');
  const { id } = await params;
  const nhi = await findNhiForEdit(actor, id);
  if (!nhi) notFound();
  const people = await activePeopleOptions(actor);
  const initial = { ...nhi, description: nhi.description ?? '', sponsorId: nhi.sponsorId ?? '' };
  return (
    <>
      <PageHeader
        title={`Edit ${nhi.name}`}
        description="Changes are audited and its findings are recomputed at once."
      />
      <Card className="max-w-3xl p-6">
        <NhiForm
          action={updateNhiAction}
          initial={initial}
          people={people}
          canChangeSponsor={can(actor, 'inventory.manage')}
          submitLabel="Save changes"
          cancelHref={`/inventory/identities/${nhi.id}`}
        />
      </Card>
    </>
  );
}
