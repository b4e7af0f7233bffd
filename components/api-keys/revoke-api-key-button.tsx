'use client';

import { useActionState, useCallback, useState } from 'react';
import { AlertDialog } from 'radix-ui';
import type { ActionState } from '@/lib/adapters/action';
import { Button } from '@/components/ui/button';
import { useActionToast } from '@/components/people/use-action-toast';

/**
 * Revokes a key after a confirmation. It stays mounted once the key is revoked (rendering nothing) so that
 * the receipt toast still shows when the refreshed list arrives with the answer.
 */
export function RevokeApiKeyButton({
  keyId,
  name,
  prefix,
  revocable,
  revoke,
}: {
  revoke: (state: ActionState, form: FormData) => Promise<ActionState>;
  keyId: string;
  name: string;
  prefix: string;
  revocable: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(revoke, null);
  const close = useCallback(() => setOpen(false), []);
  useActionToast(state, close);
  if (!revocable) return null;
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <Button size="sm" variant="danger" aria-label={`Revoke ${name}`}>
          Revoke
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-base font-semibold break-words text-slate-900">
            Revoke “{name}”?
          </AlertDialog.Title>
          <AlertDialog.Description className="mt-1 text-sm text-slate-500">
            Whatever uses the key <code className="font-mono">{prefix}…</code> is refused from its next request on. A
            revoked key cannot be restored: create a new one if it is still needed.
          </AlertDialog.Description>
          <form action={action} className="mt-5 flex justify-end gap-2">
            <input type="hidden" name="keyId" value={keyId} />
            <AlertDialog.Cancel asChild>
              <Button type="button" variant="secondary">
                Cancel
              </Button>
            </AlertDialog.Cancel>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? 'Revoking…' : 'Revoke key'}
            </Button>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
