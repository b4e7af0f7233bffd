'use client';

import { useActionState, useCallback, useEffect, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { Dialog } from 'radix-ui';
import { X } from 'lucide-react';
import type { ActionState } from '@/lib/adapters/action';
import { MAX_OFFBOARDING_REASON_LENGTH } from '@/lib/people/directory-schemas';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { useActionToast } from './use-action-toast';

type Props = {
  person: { id: string; name: string };
  /** Where closing the dialog leads: the person's page without the confirmation in its URL. */
  closeHref: string;
  /**
   * While the URL asks for the confirmation: the preview, rendered on the server by the same function the
   * action checks; else null. The dialog stays mounted either way so that its receipt shows after the page
   * refreshes with the person offboarded.
   */
  preview: { digest: string; blocker: string | null; impact: ReactNode } | null;
  offboard: (state: ActionState, form: FormData) => Promise<ActionState>;
};

/** Confirms an offboarding: lists its impact, asks why, then runs it and shows the receipt. */
export function OffboardDialog({ person, closeHref, preview, offboard }: Props) {
  const router = useRouter();
  const [state, action, pending] = useActionState(offboard, null);
  const close = useCallback(() => router.replace(closeHref, { scroll: false }), [router, closeHref]);
  useActionToast(state, close);
  useEffect(() => {
    // A refusal such as a stale preview: show the impact as it is now.
    if (state && !state.ok && !state.fieldErrors) router.refresh();
  }, [state, router]);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  return (
    <Dialog.Root open={preview !== null} onOpenChange={(open) => (open ? undefined : close())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-xl -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl bg-white shadow-xl">
          <div className="flex items-start justify-between gap-4 border-b border-slate-100 p-6 pb-4">
            <div className="min-w-0">
              <Dialog.Title className="text-base font-semibold break-words text-slate-900">
                Offboard {person.name}
              </Dialog.Title>
              <Dialog.Description className="mt-1 text-sm text-slate-500">
                All of this happens at once, in one step, and is recorded in the audit trail. It cannot be undone from
                Steward.
              </Dialog.Description>
            </div>
            <Dialog.Close
              className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
              aria-label="Close"
            >
              <X className="size-4" />
            </Dialog.Close>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto p-6">
            {preview?.blocker ? (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
                {preview.blocker}
              </p>
            ) : (
              preview?.impact
            )}
          </div>
          {preview?.blocker ? (
            <div className="flex justify-end border-t border-slate-100 p-4">
              <Dialog.Close asChild>
                <Button type="button" variant="secondary">
                  Close
                </Button>
              </Dialog.Close>
            </div>
          ) : (
            <form action={action} className="border-t border-slate-100 p-6 pt-4" noValidate key={state?.nonce ?? 'new'}>
              <input type="hidden" name="humanId" value={person.id} />
              <input type="hidden" name="impactDigest" value={preview?.digest ?? ''} />
              <Field
                label="Reason"
                htmlFor="offboard-reason"
                errors={errors?.reason}
                hint="Recorded with the offboarding and on every revoked credential."
              >
                <Input
                  id="offboard-reason"
                  name="reason"
                  defaultValue={state?.ok ? undefined : state?.values?.reason}
                  maxLength={MAX_OFFBOARDING_REASON_LENGTH}
                  placeholder="e.g. Left the company on 14 November"
                  autoComplete="off"
                  required
                  invalid={Boolean(errors?.reason)}
                />
              </Field>
              <div className="mt-4 flex flex-wrap justify-end gap-2">
                <Dialog.Close asChild>
                  <Button type="button" variant="secondary">
                    Cancel
                  </Button>
                </Dialog.Close>
                <Button type="submit" variant="danger" disabled={pending}>
                  {pending ? 'Offboarding…' : 'Offboard now'}
                </Button>
              </div>
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
