'use client';

import { useActionState, useCallback, useState, type ReactNode } from 'react';
import { Dialog } from 'radix-ui';
import type { ActionState } from '@/lib/adapters/action';
import { useActionToast } from '@/components/people/use-action-toast';
import { Button } from './button';
import { Field } from './field';

type Props = {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  triggerLabel: string;
  title: string;
  description: string;
  /** What the change will touch, shown under the description (e.g. what a decommissioning revokes). */
  details?: ReactNode;
  confirmLabel: string;
  variant?: 'primary' | 'secondary' | 'danger';
  reason?: 'required' | 'optional';
};

/** A button that asks before it acts: what will happen, an optional or required reason for the audit trail. */
export function ConfirmAction({
  action,
  fields,
  triggerLabel,
  title,
  description,
  details,
  confirmLabel,
  variant = 'secondary',
  reason,
}: Props) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(action, null);
  const close = useCallback(() => setOpen(false), []);
  useActionToast(state, close);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant={variant} size="sm">
          {triggerLabel}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <Dialog.Title className="text-base font-semibold text-slate-900">{title}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-500">{description}</Dialog.Description>
          {details}
          <form action={formAction} className="mt-5 space-y-4">
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            {reason ? (
              <Field
                label={reason === 'required' ? 'Reason' : 'Reason (optional)'}
                htmlFor="confirm-reason"
                errors={errors?.reason}
              >
                <textarea
                  id="confirm-reason"
                  name="reason"
                  rows={2}
                  className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500 focus:outline-none"
                />
              </Field>
            ) : null}
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
              <Button type="submit" variant={variant === 'danger' ? 'danger' : 'primary'} disabled={pending}>
                {pending ? 'Working…' : confirmLabel}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
