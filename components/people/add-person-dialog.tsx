'use client';

import { useActionState, useCallback, useState } from 'react';
import { Dialog } from 'radix-ui';
import { UserPlus, X } from 'lucide-react';
import type { ActionState } from '@/lib/adapters/action';
import { ROLES } from '@/lib/auth/permissions';
import { MIN_PASSWORD_LENGTH } from '@/lib/people/schemas';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { useActionToast } from './use-action-toast';

export function AddPersonDialog({ add }: { add: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(add, null);
  const close = useCallback(() => setOpen(false), []);
  useActionToast(state, close);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const values = state?.ok ? undefined : state?.values;
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button>
          <UserPlus className="size-4" aria-hidden />
          Add a person
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <div className="flex items-start justify-between gap-4">
            <div>
              <Dialog.Title className="text-base font-semibold text-slate-900">Add a person</Dialog.Title>
              <Dialog.Description className="mt-1 text-sm text-slate-500">
                They sign in with this email and password, or through single sign-on with the same email.
              </Dialog.Description>
            </div>
            <Dialog.Close
              className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
              aria-label="Close"
            >
              <X className="size-4" />
            </Dialog.Close>
          </div>
          <form action={action} className="mt-5 space-y-4" noValidate key={state?.nonce ?? 'new'}>
            <Field label="Name" htmlFor="person-name" errors={errors?.name}>
              <Input
                id="person-name"
                name="name"
                defaultValue={values?.name}
                autoComplete="off"
                invalid={Boolean(errors?.name)}
              />
            </Field>
            <Field label="Email" htmlFor="person-email" errors={errors?.email}>
              <Input
                id="person-email"
                name="email"
                type="email"
                defaultValue={values?.email}
                autoComplete="off"
                invalid={Boolean(errors?.email)}
              />
            </Field>
            <Field label="Role" htmlFor="person-role" errors={errors?.role}>
              <Select
                id="person-role"
                name="role"
                defaultValue={values?.role || 'AUDITOR'}
                invalid={Boolean(errors?.role)}
              >
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {role.charAt(0) + role.slice(1).toLowerCase()}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              label="Initial password"
              htmlFor="person-password"
              errors={errors?.password}
              hint={`At least ${MIN_PASSWORD_LENGTH} characters. Share it over a separate channel.`}
            >
              <Input
                id="person-password"
                name="password"
                type="password"
                autoComplete="new-password"
                invalid={Boolean(errors?.password)}
              />
            </Field>
            {state && !state.ok && state.fieldErrors ? (
              <p role="alert" className="text-sm text-red-700">
                {state.message}
              </p>
            ) : null}
            <div className="flex justify-end gap-2 pt-2">
              <Dialog.Close asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </Dialog.Close>
              <Button type="submit" disabled={pending}>
                {pending ? 'Adding…' : 'Add person'}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
