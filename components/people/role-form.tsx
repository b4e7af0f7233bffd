'use client';

import { useActionState, useCallback, useState } from 'react';
import type { DashboardRole } from '@/lib/db/generated/sqlite/enums';
import type { ActionState } from '@/lib/adapters/action';
import { ROLES } from '@/lib/auth/permissions';
import { Select } from '@/components/ui/field';
import { ConfirmButtons, ConfirmDialog } from './confirm-dialog';
import { useActionToast } from './use-action-toast';

export const ROLE_LABELS: Record<DashboardRole, string> = {
  ADMIN: 'Admin',
  SECURITY: 'Security',
  SPONSOR: 'Sponsor',
  AUDITOR: 'Auditor',
};

/** What a person may do once they hold a role: the confirmation says it before anyone is promoted or demoted. */
export const ROLE_CONSEQUENCES: Record<DashboardRole, string> = {
  ADMIN: 'will manage people, roles, settings and API keys, and may do everything else in Steward',
  SECURITY: 'will see the whole inventory, assign sponsors, revoke any credential, offboard people and manage API keys',
  SPONSOR: 'will see only the identities they sponsor, approve their task scopes and revoke their credentials',
  AUDITOR: 'will read the inventory, the audit trail and the evidence, and change nothing',
};

type Props = {
  humanId: string;
  name: string;
  role: DashboardRole;
  change: (state: ActionState, form: FormData) => Promise<ActionState>;
};

/** Picking another role asks first, saying what the person will be able to do; Cancel leaves the role as it was. */
export function RoleForm({ humanId, name, role, change }: Props) {
  const [proposed, setProposed] = useState<DashboardRole | null>(null);
  const [state, action, pending] = useActionState(change, null);
  const close = useCallback(() => setProposed(null), []);
  useActionToast(state, close);
  return (
    <>
      <Select
        value={proposed ?? role}
        aria-label={`Role of ${name}`}
        className="w-32 py-1.5"
        disabled={pending}
        onChange={(event) => {
          const next = ROLES.find((option) => option === event.target.value);
          if (next && next !== role) setProposed(next);
        }}
      >
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {ROLE_LABELS[option]}
          </option>
        ))}
      </Select>
      <ConfirmDialog
        open={proposed !== null}
        onCancel={close}
        title={proposed ? `Make ${name} ${ROLE_LABELS[proposed]}?` : ''}
        description={
          proposed
            ? `${name} ${ROLE_CONSEQUENCES[proposed]}, instead of being ${ROLE_LABELS[role]}. It applies on their next request and is recorded in the audit trail.`
            : ''
        }
      >
        <form action={action}>
          <input type="hidden" name="humanId" value={humanId} />
          <input type="hidden" name="role" value={proposed ?? role} />
          <ConfirmButtons
            label={proposed ? `Make ${ROLE_LABELS[proposed]}` : 'Change role'}
            pending={pending}
            danger={proposed === 'ADMIN'}
          />
        </form>
      </ConfirmDialog>
    </>
  );
}
