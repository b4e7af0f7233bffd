import type { ReactNode } from 'react';
import Link from 'next/link';
import type { NhiStatus } from '@/lib/db/generated/sqlite/enums';
import type { ActionState } from '@/lib/adapters/action';
import { buttonClasses } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export type NhiLifecycleActions = { suspend: Action; reactivate: Action; decommission: Action };

type Props = {
  nhi: { id: string; name: string; status: NhiStatus };
  actions: NhiLifecycleActions;
  canEdit: boolean;
  canManage: boolean;
  /** Only the security team lifts a suspension: it is containment, not the sponsor's call. */
  canLiftSuspension: boolean;
  /** What decommissioning revokes, shown in its confirmation; given to those who may decommission. */
  decommissionImpact?: ReactNode;
};

/** Edit, suspend, reactivate and decommission, as the person's role and the NHI's status allow. */
export function NhiActions({ nhi, actions, canEdit, canManage, canLiftSuspension, decommissionImpact }: Props) {
  if (!canEdit) return null;
  const fields = { nhiId: nhi.id };
  const mayReactivate = nhi.status === 'DISCOVERED' || (nhi.status === 'SUSPENDED' && canLiftSuspension);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Link href={`/inventory/identities/${nhi.id}/edit`} className={buttonClasses('secondary', 'sm')}>
        Edit
      </Link>
      {nhi.status === 'ACTIVE' || nhi.status === 'DISCOVERED' ? (
        <ConfirmAction
          action={actions.suspend}
          fields={fields}
          triggerLabel="Suspend"
          title={`Suspend ${nhi.name}?`}
          description={`From this moment every runtime decision for it is a deny and its API keys are refused. Its credentials stay as they are. ${canLiftSuspension ? 'You can reactivate it later.' : 'Only the security team can lift the suspension.'}`}
          confirmLabel="Suspend"
          variant="danger"
          reason="optional"
        />
      ) : null}
      {mayReactivate ? (
        <ConfirmAction
          action={actions.reactivate}
          fields={fields}
          triggerLabel={nhi.status === 'DISCOVERED' ? 'Mark active' : 'Reactivate'}
          title={`Make ${nhi.name} active?`}
          description="Runtime decisions for it follow its task scopes again."
          confirmLabel="Make active"
          reason="optional"
        />
      ) : null}
      {nhi.status === 'SUSPENDED' && !canLiftSuspension ? (
        <p className="max-w-56 text-xs text-slate-500" data-testid="suspension-note">
          Suspended: only the security team can reactivate it. Ask them to review it.
        </p>
      ) : null}
      {canManage && nhi.status !== 'DECOMMISSIONED' ? (
        <ConfirmAction
          action={actions.decommission}
          fields={fields}
          triggerLabel="Decommission"
          title={`Decommission ${nhi.name}?`}
          description="It is retired for good: it cannot be reactivated, and its findings are resolved."
          details={decommissionImpact}
          confirmLabel="Decommission"
          variant="danger"
          reason="optional"
        />
      ) : null}
    </div>
  );
}
