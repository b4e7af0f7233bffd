import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { reachesOnlySponsored } from '@/lib/auth/ownership';
import { requirePagePermission } from '@/lib/auth/session';
import { findNhiForEdit, SPONSOR_EDITABLE_FIELDS } from '@/lib/identities/manage';
import { listNhiOwners } from '@/lib/identities/owners';
import { activePeopleOptions } from '@/lib/people/options';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { CoOwnersEditor } from '@/components/inventory-edit/co-owners-editor';
import { NhiForm } from '@/components/inventory-edit/nhi-form';
import { searchPeopleAction, setNhiOwnersAction, updateNhiAction } from '../../actions';

export const metadata: Metadata = { title: 'Edit identity' };

export default async function EditNhiPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission('inventory.edit_sponsored');
  const { id } = await params;
  const nhi = await findNhiForEdit(actor, id);
  if (!nhi) notFound();
  const people = await activePeopleOptions(actor);
  const owners = await listNhiOwners(actor, nhi.id);
  const initial = { ...nhi, description: nhi.description ?? '', sponsorId: nhi.sponsorId ?? '' };
  return (
    <>
      <PageHeader
        title={`Edit ${nhi.name}`}
        description="Changes are audited and its findings are recomputed at once."
      />
      <div className="max-w-3xl space-y-6">
        <Card className="p-6">
          <NhiForm
            action={updateNhiAction}
            initial={initial}
            people={people}
            editable={reachesOnlySponsored(actor, 'editNhis') ? SPONSOR_EDITABLE_FIELDS : undefined}
            submitLabel="Save changes"
            cancelHref={`/inventory/identities/${nhi.id}`}
          />
        </Card>
        <Card>
          <CardHeader
            title="Co-owners"
            description="People who answer for this identity beside its sponsor. Saved on their own, and audited."
          />
          <div className="px-5 py-4">
            <CoOwnersEditor
              nhiId={nhi.id}
              initial={owners}
              save={setNhiOwnersAction}
              searchPeople={searchPeopleAction}
            />
          </div>
        </Card>
      </div>
    </>
  );
}
