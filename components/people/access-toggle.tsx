'use client';

import { useActionState, useCallback, useState } from 'react';
import type { ActionState } from '@/lib/adapters/action';
import { Button } from '@/components/ui/button';
import { ConfirmButtons, ConfirmDialog } from './confirm-dialog';
import { useActionToast } from './use-action-toast';

type Props = {
  humanId: string;
  name: string;
  enabled: boolean;
  setAccess: (state: ActionState, form: FormData) => Promise<ActionState>;
};

/** Disables or enables someone's sign-in after a confirmation that says what it does and what it leaves alone. */
export function AccessToggle({ humanId, name, enabled, setAccess }: Props) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(setAccess, null);
  const close = useCallback(() => setOpen(false), []);
  useActionToast(state, close);
  const verb = enabled ? 'Disable' : 'Enable';
  return (
    <>
      <Button
        type="button"
        size="sm"
        variant={enabled ? 'danger' : 'secondary'}
        disabled={pending}
        aria-label={`${verb} access for ${name}`}
        onClick={() => setOpen(true)}
      >
        {verb}
      </Button>
      <ConfirmDialog
        open={open}
        onCancel={close}
        title={enabled ? `Disable sign-in for ${name}?` : `Let ${name} sign in again?`}
        description={
          enabled
            ? `${name} is refused from their next request on and cannot sign in until an admin enables them again. What they sponsor and the credentials that are theirs stay as they are: to hand those over, offboard them instead.`
            : `${name} can sign in again, with the role shown in the list, from their next attempt.`
        }
      >
        <form action={action}>
          <input type="hidden" name="humanId" value={humanId} />
          <input type="hidden" name="enable" value={enabled ? 'false' : 'true'} />
          <ConfirmButtons label={enabled ? 'Disable sign-in' : 'Enable sign-in'} pending={pending} danger={enabled} />
        </form>
      </ConfirmDialog>
    </>
  );
}
