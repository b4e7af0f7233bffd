'use client';

import { useActionState } from 'react';
import type { DashboardRole } from '@/lib/db/generated/sqlite/enums';
import { changeRoleAction } from '@/app/(dashboard)/settings/people/actions';
import { ROLES } from '@/lib/auth/permissions';
import { Select } from '@/components/ui/field';
import { useActionToast } from './use-action-toast';

const ROLE_LABELS: Record<DashboardRole, string> = {
  ADMIN: 'Admin',
  SECURITY: 'Security',
  SPONSOR: 'Sponsor',
  AUDITOR: 'Auditor',
};

/** Changing the select submits at once: the change is small, audited and reversible. */
export function RoleForm({ humanId, name, role }: { humanId: string; name: string; role: DashboardRole }) {
  const [state, action, pending] = useActionState(changeRoleAction, null);
  useActionToast(state);
  return (
    <form action={action}>
      <input type="hidden" name="humanId" value={humanId} />
      <Select
        name="role"
        defaultValue={role}
        key={role}
        aria-label={`Role of ${name}`}
        className="w-32 py-1.5"
        disabled={pending}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
      >
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {ROLE_LABELS[option]}
          </option>
        ))}
      </Select>
    </form>
  );
}
