'use client';

import { useActionState, useState } from 'react';
import { X } from 'lucide-react';
import type { ActionState } from '@/lib/adapters/action';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useActionToast } from '@/components/people/use-action-toast';
import { Combobox, type PickerOption, type PickerSearch } from '@/components/pickers/combobox';

type Props = {
  nhiId: string;
  initial: PickerOption[];
  save: (state: ActionState, form: FormData) => Promise<ActionState>;
  searchPeople: PickerSearch;
};

/** The people who answer for an NHI beside its sponsor: add them by searching, remove them, then save the list. */
export function CoOwnersEditor({ nhiId, initial, save, searchPeople }: Props) {
  const [owners, setOwners] = useState(initial);
  const [state, action, pending] = useActionState(save, null);
  useActionToast(state);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const add = (person: PickerOption) =>
    setOwners((current) => (current.some((owner) => owner.id === person.id) ? current : [...current, person]));
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="nhiId" value={nhiId} />
      {owners.map((owner) => (
        <input key={owner.id} type="hidden" name="ownerIds" value={owner.id} />
      ))}
      {owners.length === 0 ? (
        <p className="text-sm text-slate-500">No co-owners yet.</p>
      ) : (
        <ul aria-label="Co-owners" className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {owners.map((owner) => (
            <li key={owner.id} className="flex items-center justify-between gap-3 px-3 py-2">
              <div className="min-w-0">
                <p className="truncate text-sm font-medium text-slate-900">{owner.label}</p>
                <p className="truncate text-xs text-slate-500">{owner.detail}</p>
              </div>
              <Button
                type="button"
                variant="ghost"
                size="sm"
                aria-label={`Remove ${owner.label}`}
                onClick={() => setOwners((current) => current.filter((other) => other.id !== owner.id))}
              >
                <X className="size-4" aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Field label="Add a co-owner" htmlFor="co-owner-search" errors={errors?.ownerIds}>
        <Combobox
          id="co-owner-search"
          search={searchPeople}
          onPick={add}
          clearOnPick
          placeholder="Search by name or email"
          listLabel="Matching people"
          invalid={Boolean(errors?.ownerIds)}
        />
      </Field>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save co-owners'}
        </Button>
      </div>
    </form>
  );
}
