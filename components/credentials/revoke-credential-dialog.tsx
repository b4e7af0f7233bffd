'use client';

import { useActionState, useCallback, useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { Dialog } from 'radix-ui';
import { X } from 'lucide-react';
import type { ActionState } from '@/lib/adapters/action';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useActionToast } from '@/components/people/use-action-toast';

/** What the confirmation says stops working, read on the server by the same rule the revocation checks. */
export type RevocationPreview = {
  id: string;
  name: string;
  kindLabel: string;
  subject: { kind: 'person' | 'identity'; label: string };
  holder: string | null;
};

type Props = {
  preview: RevocationPreview | null;
  /** Where closing leads: the credential's page without the confirmation in its URL. */
  closeHref: string;
  revoke: (state: ActionState, form: FormData) => Promise<ActionState>;
};

function Consequences({ preview }: { preview: RevocationPreview }) {
  return (
    <ul className="mt-4 space-y-2 text-sm text-slate-700" aria-label="What stops working">
      <li>
        It authenticates as {preview.subject.kind === 'person' ? 'the person' : 'the identity'}{' '}
        <strong className="font-semibold break-words text-slate-900">{preview.subject.label}</strong>
        {preview.subject.kind === 'person' ? ': a borrowed credential when an identity uses it.' : '.'}
      </li>
      <li>
        {preview.holder ? (
          <>
            <strong className="font-semibold break-words text-slate-900">{preview.holder}</strong> holds it: whatever
            that identity does with it is refused from now on.
          </>
        ) : (
          'No identity is recorded as holding it.'
        )}
      </li>
      <li>
        Every use of it stops, by anyone, from this moment. A revoked credential cannot be restored: issue a new one if
        it is still needed.
      </li>
    </ul>
  );
}

/** Confirms revoking one credential: says what stops working, asks why, then revokes and shows the receipt. */
export function RevokeCredentialDialog({ preview, closeHref, revoke }: Props) {
  const router = useRouter();
  const [state, action, pending] = useActionState(revoke, null);
  const close = useCallback(() => router.replace(closeHref, { scroll: false }), [router, closeHref]);
  useActionToast(state, close);
  useEffect(() => {
    if (state && !state.ok && !state.fieldErrors) router.refresh();
  }, [state, router]);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  return (
    <Dialog.Root open={preview !== null} onOpenChange={(open) => (open ? undefined : close())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl">
          <div className="flex items-start justify-between gap-4">
            <div className="min-w-0">
              <Dialog.Title className="text-base font-semibold break-words text-slate-900">
                Revoke “{preview?.name}”?
              </Dialog.Title>
              <Dialog.Description className="mt-1 text-sm text-slate-500">
                {preview?.kindLabel}. The revocation is recorded in the audit trail with your reason.
              </Dialog.Description>
            </div>
            <Dialog.Close
              className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
              aria-label="Close"
            >
              <X className="size-4" />
            </Dialog.Close>
          </div>
          {preview ? <Consequences preview={preview} /> : null}
          <form action={action} className="mt-5 space-y-4" noValidate key={state?.nonce ?? 'new'}>
            <input type="hidden" name="credentialId" value={preview?.id ?? ''} />
            <Field
              label="Reason"
              htmlFor="revoke-reason"
              errors={errors?.reason}
              hint="Required: why it is revoked, for the audit trail."
            >
              <textarea
                id="revoke-reason"
                name="reason"
                rows={2}
                maxLength={500}
                defaultValue={state?.ok ? undefined : state?.values?.reason}
                aria-invalid={Boolean(errors?.reason) || undefined}
                className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500 focus:outline-none aria-invalid:ring-red-400"
              />
            </Field>
            <div className="flex flex-wrap justify-end gap-2">
              <Dialog.Close asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </Dialog.Close>
              <Button type="submit" variant="danger" disabled={pending}>
                {pending ? 'Revoking…' : 'Revoke credential'}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
