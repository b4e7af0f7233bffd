'use client';

import { useActionState, useCallback, useState } from 'react';
import { Dialog } from 'radix-ui';
import type { ActionState } from '@/lib/adapters/action';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useActionToast } from '@/components/people/use-action-toast';
import type { PickerSearch } from '@/components/pickers/combobox';
import { SinglePicker } from '@/components/pickers/single-picker';

type Props = {
  nhi: { id: string; name: string };
  hasSponsor: boolean;
  assign: (state: ActionState, form: FormData) => Promise<ActionState>;
  searchPeople: PickerSearch;
};

/** Hands an NHI to an accountable person: for the security team, e.g. when it is orphaned. */
export function AssignSponsor({ nhi, hasSponsor, assign, searchPeople }: Props) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(assign, null);
  const close = useCallback(() => setOpen(false), []);
  useActionToast(state, close);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant="secondary" size="sm">
          {hasSponsor ? 'Change sponsor' : 'Assign a sponsor'}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <Dialog.Title className="text-base font-semibold break-words text-slate-900">
            Who answers for {nhi.name}?
          </Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-500">
            The sponsor approves its task scopes, revokes its credentials and certifies it in access reviews.
          </Dialog.Description>
          <form action={action} className="mt-5 space-y-4" key={state?.nonce ?? 'new'}>
            <input type="hidden" name="nhiId" value={nhi.id} />
            <Field label="Sponsor" htmlFor="assign-sponsor" errors={errors?.sponsorId}>
              <SinglePicker
                id="assign-sponsor"
                name="sponsorId"
                search={searchPeople}
                placeholder="Search by name or email"
                listLabel="Matching people"
                invalid={Boolean(errors?.sponsorId)}
              />
            </Field>
            {state && !state.ok && !errors ? (
              <p role="alert" className="text-sm text-red-700">
                {state.message}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </Dialog.Close>
              <Button type="submit" disabled={pending}>
                {pending ? 'Saving…' : 'Make sponsor'}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
