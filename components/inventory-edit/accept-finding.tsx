'use client';

import { useActionState, useCallback, useState } from 'react';
import { Dialog } from 'radix-ui';
import type { ActionState } from '@/lib/adapters/action';
import { useActionToast } from '@/components/people/use-action-toast';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';

/** Accepting a risk needs a reason and an end: accepted findings come back when the time is up. */
export function AcceptFinding({
  findingId,
  title,
  accept,
}: {
  findingId: string;
  title: string;
  accept: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(accept, null);
  const close = useCallback(() => setOpen(false), []);
  useActionToast(state, close);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant="ghost" size="sm">
          Accept risk
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <Dialog.Title className="text-base font-semibold text-slate-900">Accept this risk for a while</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-500">{title}</Dialog.Description>
          <form action={action} className="mt-5 space-y-4" key={state?.nonce ?? 'new'}>
            <input type="hidden" name="findingId" value={findingId} />
            <Field label="Why is it acceptable?" htmlFor="accept-reason" errors={errors?.reason}>
              <textarea
                id="accept-reason"
                name="reason"
                rows={3}
                className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500 focus:outline-none"
              />
            </Field>
            <Field
              label="For how many days?"
              htmlFor="accept-days"
              errors={errors?.days}
              hint="At most 365. It reopens by itself afterwards."
            >
              <Input
                id="accept-days"
                name="days"
                type="number"
                min={1}
                max={365}
                defaultValue={30}
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
                {pending ? 'Saving…' : 'Accept risk'}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
