'use client';

import { useActionState, useRef, useEffect } from 'react';
import type { ActionState } from '@/lib/adapters/action';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';
import { useActionToast } from '@/components/people/use-action-toast';
import type { FormAction } from './case-actions';

const PATTERNS = [
  { name: 'credential', label: 'Credential', placeholder: 'AKIA2EXAMPLE*' },
  { name: 'human', label: 'Person', placeholder: 'build.bot@example.com' },
  { name: 'agent', label: 'Agent', placeholder: 'terraform/*' },
  { name: 'source', label: 'Source', placeholder: 'aws' },
] as const;

const textareaClasses =
  'block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500 focus:outline-none aria-invalid:ring-red-400';

function tomorrowPlus(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A rule that keeps matching cases from counting as flags, with a reason and an end: made by the security team. */
export function SuppressionForm({ action, maxDays }: { action: FormAction; maxDays: number }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useActionToast(state);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const values = state?.ok ? undefined : state?.values;
  return (
    <Card>
      <CardHeader
        title="Suppress cases"
        description="For a look-alike Steward keeps flagging: matching cases stay listed as informational until the end date. Fill in at least one pattern; * stands for any characters, an agent matches its name or user agent."
      />
      <form ref={formRef} action={formAction} className="space-y-4 p-5" key={state?.nonce ?? 'new'}>
        <Field label="Reason" htmlFor="suppression-reason" errors={errors?.reason}>
          <textarea
            id="suppression-reason"
            name="reason"
            rows={2}
            required
            defaultValue={values?.reason}
            aria-invalid={errors?.reason ? true : undefined}
            className={textareaClasses}
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          {PATTERNS.map((pattern) => (
            <Field
              key={pattern.name}
              label={pattern.label}
              htmlFor={`suppression-${pattern.name}`}
              errors={errors?.[pattern.name]}
            >
              <Input
                id={`suppression-${pattern.name}`}
                name={pattern.name}
                placeholder={pattern.placeholder}
                defaultValue={values?.[pattern.name]}
                invalid={Boolean(errors?.[pattern.name])}
              />
            </Field>
          ))}
        </div>
        <Field
          label="Ends on"
          htmlFor="suppression-expires"
          errors={errors?.expiresAt}
          hint={`At most ${maxDays} days away: a suppression is looked at again when it ends.`}
        >
          <Input
            id="suppression-expires"
            name="expiresAt"
            type="date"
            required
            min={tomorrowPlus(1)}
            max={tomorrowPlus(maxDays)}
            defaultValue={values?.expiresAt ?? tomorrowPlus(30)}
            invalid={Boolean(errors?.expiresAt)}
            className="w-48"
          />
        </Field>
        {errors?._form ? (
          <p role="alert" className="text-sm text-red-700">
            {errors._form.join(' ')}
          </p>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>
            {pending ? 'Saving…' : 'Suppress matching cases'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
