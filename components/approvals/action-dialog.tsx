'use client';

import { useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { Dialog } from 'radix-ui';
import { toast } from 'sonner';
import type { ActionState } from '@/lib/adapters/action';
import type { FieldErrors } from '@/lib/errors';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

export type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

export const textareaClasses =
  'block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500 focus:outline-none aria-invalid:ring-red-400';

type Props = {
  action: FormAction;
  /** Hidden fields that say what the action is about (a scope's or an identity's id). */
  fields: Record<string, string>;
  triggerLabel: string;
  triggerVariant?: 'primary' | 'secondary' | 'danger';
  title: string;
  description: ReactNode;
  submitLabel: string;
  submitVariant?: 'primary' | 'danger';
  /** A reason for the audit trail, asked for under the description. */
  reason?: 'required' | 'optional';
  /** Further fields, given the errors the last attempt returned for them. */
  children?: (errors: FieldErrors | undefined) => ReactNode;
};

/**
 * A button that opens a dialog, runs a server action with what the dialog holds and tells the outcome. The
 * outcome is told from here, not from an effect: a success usually removes the row that showed the button.
 */
export function ActionDialog({
  action,
  fields,
  triggerLabel,
  triggerVariant = 'primary',
  title,
  description,
  submitLabel,
  submitVariant = 'primary',
  reason,
  children,
}: Props) {
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState<ActionState>(null);
  const [pending, startTransition] = useTransition();
  const errors = failed?.fieldErrors;
  const idPrefix = `dialog-${Object.values(fields).join('-')}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const outcome = await action(null, form);
      if (outcome?.ok) {
        toast.success(outcome.message);
        setFailed(null);
        setOpen(false);
      } else {
        setFailed(outcome);
      }
    });
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setFailed(null);
      }}
    >
      <Dialog.Trigger asChild>
        <Button variant={triggerVariant} size="sm">
          {triggerLabel}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl">
          <Dialog.Title className="text-base font-semibold break-words text-slate-900">{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className="mt-1 text-sm text-slate-500">{description}</div>
          </Dialog.Description>
          <form onSubmit={submit} className="mt-5 space-y-4" noValidate>
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            {children?.(errors)}
            {reason ? (
              <Field
                label={reason === 'required' ? 'Reason' : 'Reason (optional)'}
                htmlFor={`${idPrefix}-reason`}
                errors={errors?.reason}
              >
                <textarea
                  id={`${idPrefix}-reason`}
                  name="reason"
                  rows={2}
                  aria-invalid={errors?.reason ? true : undefined}
                  aria-describedby={errors?.reason ? `${idPrefix}-reason-error` : undefined}
                  className={textareaClasses}
                />
              </Field>
            ) : null}
            {failed && !failed.ok && (!errors || errors._form) ? (
              <p role="alert" className="text-sm text-red-700">
                {failed.message}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </Dialog.Close>
              <Button type="submit" variant={submitVariant} disabled={pending}>
                {pending ? 'Working…' : submitLabel}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
