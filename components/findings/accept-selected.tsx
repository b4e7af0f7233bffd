'use client';

import { useActionState, useCallback, useState } from 'react';
import { Dialog } from 'radix-ui';
import type { ActionState } from '@/lib/adapters/action';
import { useActionToast } from '@/components/people/use-action-toast';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';

export type AcceptFindingsAction = (previous: ActionState, form: FormData) => Promise<ActionState>;

const textareaClasses =
  'block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500 focus:outline-none';

/** One reason and one end for every selected finding: all of them are accepted, or none. */
export function AcceptSelected({
  findingIds,
  action,
  onAccepted,
}: {
  findingIds: string[];
  action: AcceptFindingsAction;
  onAccepted: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [state, submit, pending] = useActionState(action, null);
  const done = useCallback(() => {
    setOpen(false);
    onAccepted();
  }, [onAccepted]);
  useActionToast(state, done);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const refused = state && !state.ok && !state.fieldErrors ? state.message : null;
  const count = findingIds.length;
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button size="sm" disabled={count === 0}>
          Accept risk…
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <Dialog.Title className="text-base font-semibold text-slate-900">
            Accept {count} {count === 1 ? 'risk' : 'risks'} for a while
          </Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-500">
            Each selected finding is accepted with this reason and reopens by itself when the time is up. If any of them
            is no longer open, none is accepted.
          </Dialog.Description>
          {refused ? (
            <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
              {refused}
            </p>
          ) : null}
          <form action={submit} className="mt-5 space-y-4" key={state?.nonce ?? 'new'}>
            {findingIds.map((id) => (
              <input key={id} type="hidden" name="findingId" value={id} />
            ))}
            <Field label="Why is it acceptable?" htmlFor="bulk-accept-reason" errors={errors?.reason}>
              <textarea
                id="bulk-accept-reason"
                name="reason"
                rows={3}
                defaultValue={state?.values?.reason}
                className={textareaClasses}
              />
            </Field>
            <Field
              label="For how many days?"
              htmlFor="bulk-accept-days"
              errors={errors?.days}
              hint="At most 365. They reopen by themselves afterwards."
            >
              <Input
                id="bulk-accept-days"
                name="days"
                type="number"
                min={1}
                max={365}
                defaultValue={state?.values?.days ?? 30}
                invalid={Boolean(errors?.days)}
              />
            </Field>
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </Dialog.Close>
              <Button type="submit" disabled={pending}>
                {pending ? 'Accepting…' : `Accept ${count} ${count === 1 ? 'risk' : 'risks'}`}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
