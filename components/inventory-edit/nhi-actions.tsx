import Link from 'next/link';
import type { NhiStatus } from '@/lib/db/generated/sqlite/enums';
import { buttonClasses } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import {
  decommissionNhiAction,
  reactivateNhiAction,
  suspendNhiAction,
} from '@/app/(dashboard)/inventory/identities/actions';

type Props = { nhi: { id: string; name: string; status: NhiStatus }; canEdit: boolean; canManage: boolean };

/** Edit, suspend, reactivate and decommission, as the person's role and the NHI's status allow. */
export function NhiActions({ nhi, canEdit, canManage }: Props) {
  if (!canEdit) return null;
  const fields = { nhiId: nhi.id };
  return (
    <div className="flex flex-wrap gap-2">
      <Link href={`/inventory/identities/${nhi.id}/edit`} className={buttonClasses('secondary', 'sm')}>
        Edit
      </Link>
      {nhi.status === 'ACTIVE' || nhi.status === 'DISCOVERED' ? (
        <ConfirmAction
          action={suspendNhiAction}
          fields={fields}
          triggerLabel="Suspend"
          title={`Suspend ${nhi.name}?`}
          description="From this moment every runtime decision for it is a deny. Its credentials stay as they are; you can reactivate it later."
          confirmLabel="Suspend"
          variant="danger"
          reason="optional"
        />
      ) : null}
      {nhi.status === 'SUSPENDED' || nhi.status === 'DISCOVERED' ? (
        <ConfirmAction
          action={reactivateNhiAction}
          fields={fields}
          triggerLabel={nhi.status === 'DISCOVERED' ? 'Mark active' : 'Reactivate'}
          title={`Make ${nhi.name} active?`}
          description="Runtime decisions for it follow its task scopes again."
          confirmLabel="Make active"
          reason="optional"
        />
      ) : null}
      {canManage && nhi.status !== 'DECOMMISSIONED' ? (
        <ConfirmAction
          action={decommissionNhiAction}
          fields={fields}
          triggerLabel="Decommission"
          title={`Decommission ${nhi.name}?`}
          description="It is retired for good: it cannot be reactivated, and its findings are resolved. Revoke its credentials too."
          confirmLabel="Decommission"
          variant="danger"
          reason="optional"
        />
      ) : null}
    </div>
  );
}
