'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { ActionState } from '@/lib/adapters/action';
import { NHI_KINDS } from '@/lib/identities/schemas';
import { Button, buttonClasses } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';

export type NhiFormValues = Partial<
  Record<'id' | 'name' | 'kind' | 'system' | 'externalId' | 'environment' | 'description' | 'sponsorId', string>
>;

type Props = {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  initial: NhiFormValues;
  people: { id: string; label: string }[];
  canChangeSponsor: boolean;
  submitLabel: string;
  cancelHref: string;
};

const KIND_LABELS: Record<string, string> = {
  AI_AGENT: 'AI agent',
  SERVICE_ACCOUNT: 'Service account',
  WORKLOAD: 'Workload',
  INTEGRATION: 'Integration',
  BOT: 'Bot',
  CI_PIPELINE: 'CI pipeline',
};

/** Create and edit an NHI. Rejected input comes back with field errors and what was typed. */
export function NhiForm({ action, initial, people, canChangeSponsor, submitLabel, cancelHref }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const values = { ...initial, ...(state?.ok ? {} : state?.values) };
  const invalid = (field: string) => Boolean(errors?.[field]);
  return (
    <form action={formAction} className="space-y-5" noValidate key={state?.nonce ?? 'initial'}>
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      {state && !state.ok ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {state.message}
        </p>
      ) : null}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Name" htmlFor="nhi-name" errors={errors?.name}>
          <Input id="nhi-name" name="name" defaultValue={values.name} invalid={invalid('name')} />
        </Field>
        <Field label="Kind" htmlFor="nhi-kind" errors={errors?.kind}>
          <Select id="nhi-kind" name="kind" defaultValue={values.kind ?? 'AI_AGENT'} invalid={invalid('kind')}>
            {NHI_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="System"
          htmlFor="nhi-system"
          errors={errors?.system}
          hint="Where it lives: aws, github, okta, entra, gcp, slack, internal …"
        >
          <Input id="nhi-system" name="system" defaultValue={values.system} invalid={invalid('system')} />
        </Field>
        <Field
          label="External identifier"
          htmlFor="nhi-external-id"
          errors={errors?.externalId}
          hint="The id that system knows it by: an ARN, app id, client id …"
        >
          <Input
            id="nhi-external-id"
            name="externalId"
            defaultValue={values.externalId}
            invalid={invalid('externalId')}
          />
        </Field>
        <Field
          label="Environment"
          htmlFor="nhi-environment"
          errors={errors?.environment}
          hint="production, staging, development … (empty: unknown)"
        >
          <Input
            id="nhi-environment"
            name="environment"
            defaultValue={values.environment}
            invalid={invalid('environment')}
          />
        </Field>
        <Field
          label="Sponsor"
          htmlFor="nhi-sponsor"
          errors={errors?.sponsorId}
          hint={
            canChangeSponsor
              ? 'The person accountable for it; required for AI agents.'
              : 'Only Security can hand it to someone else.'
          }
        >
          <Select
            id="nhi-sponsor"
            name="sponsorId"
            defaultValue={values.sponsorId ?? ''}
            invalid={invalid('sponsorId')}
            disabled={!canChangeSponsor}
          >
            <option value="">No sponsor</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.label}
              </option>
            ))}
          </Select>
          {!canChangeSponsor ? <input type="hidden" name="sponsorId" value={values.sponsorId ?? ''} /> : null}
        </Field>
      </div>
      <Field label="Description" htmlFor="nhi-description" errors={errors?.description}>
        <textarea
          id="nhi-description"
          name="description"
          rows={3}
          defaultValue={values.description}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500 focus:outline-none"
        />
      </Field>
      <div className="flex justify-end gap-2">
        <Link href={cancelHref} className={buttonClasses('secondary')}>
          Cancel
        </Link>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}
