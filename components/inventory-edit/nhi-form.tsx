'use client';

import Link from 'next/link';
import { useActionState, type ReactNode } from 'react';
import { Lock } from 'lucide-react';
import type { ActionState } from '@/lib/adapters/action';
import { NHI_KINDS } from '@/lib/identities/schemas';
import { Button, buttonClasses } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { NHI_KIND_LABELS } from '@/components/inventory/labels';

type FieldName = 'name' | 'kind' | 'system' | 'externalId' | 'environment' | 'description' | 'sponsorId';

export type NhiFormValues = Partial<Record<'id' | FieldName, string>>;

type Props = {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  initial: NhiFormValues;
  people: { id: string; label: string }[];
  /** The fields this person may change; the others are shown read-only with the reason. All when absent. */
  editable?: readonly string[];
  submitLabel: string;
  cancelHref: string;
};

function kindLabel(value: string | undefined): string {
  const kind = NHI_KINDS.find((candidate) => candidate === value);
  return kind ? NHI_KIND_LABELS[kind] : (value ?? '');
}

const LOCKED_HINT = 'Set by the source system and the security team.';

/** A field a person may not change: its value, read-only, still sent so the save compares like with like. */
function Locked({ id, name, value, display }: { id: string; name: FieldName; value: string; display?: string }) {
  return (
    <>
      <div className="relative">
        <input
          id={id}
          value={display ?? value}
          readOnly
          className="block w-full cursor-not-allowed rounded-md border-0 bg-slate-100 py-2 pr-9 pl-3 text-sm text-slate-600 ring-1 ring-slate-200 ring-inset focus:ring-2 focus:ring-slate-300 focus:outline-none"
        />
        <Lock className="pointer-events-none absolute top-2.5 right-3 size-4 text-slate-400" aria-hidden />
      </div>
      <input type="hidden" name={name} value={value} />
    </>
  );
}

/** Create and edit an NHI. Rejected input comes back with field errors and what was typed. */
export function NhiForm({ action, initial, people, editable, submitLabel, cancelHref }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const values = { ...initial, ...(state?.ok ? {} : state?.values) };
  const invalid = (field: string) => Boolean(errors?.[field]);
  const locked = (field: FieldName) => editable !== undefined && !editable.includes(field);
  const hintFor = (field: FieldName, hint: ReactNode) => (locked(field) ? LOCKED_HINT : hint);
  const sponsorLabel = people.find((person) => person.id === values.sponsorId)?.label ?? 'No sponsor';
  return (
    <form action={formAction} className="space-y-5" noValidate key={state?.nonce ?? 'initial'}>
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      {state && !state.ok ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {state.message}
        </p>
      ) : null}
      {editable ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200" role="note">
          As its sponsor you change its description, its environment and its co-owners. Its name, kind, system,
          identifier and sponsor come from the source system and the security team: ask them to change those.
        </p>
      ) : null}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Name" htmlFor="nhi-name" errors={errors?.name} hint={hintFor('name', undefined)}>
          {locked('name') ? (
            <Locked id="nhi-name" name="name" value={values.name ?? ''} />
          ) : (
            <Input id="nhi-name" name="name" defaultValue={values.name} invalid={invalid('name')} />
          )}
        </Field>
        <Field label="Kind" htmlFor="nhi-kind" errors={errors?.kind} hint={hintFor('kind', undefined)}>
          {locked('kind') ? (
            <Locked id="nhi-kind" name="kind" value={values.kind ?? ''} display={kindLabel(values.kind)} />
          ) : (
            <Select id="nhi-kind" name="kind" defaultValue={values.kind ?? 'AI_AGENT'} invalid={invalid('kind')}>
              {NHI_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {NHI_KIND_LABELS[kind]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field
          label="System"
          htmlFor="nhi-system"
          errors={errors?.system}
          hint={hintFor('system', 'Where it lives: aws, github, okta, entra, gcp, slack, internal …')}
        >
          {locked('system') ? (
            <Locked id="nhi-system" name="system" value={values.system ?? ''} />
          ) : (
            <Input id="nhi-system" name="system" defaultValue={values.system} invalid={invalid('system')} />
          )}
        </Field>
        <Field
          label="External identifier"
          htmlFor="nhi-external-id"
          errors={errors?.externalId}
          hint={hintFor('externalId', 'The id that system knows it by: an ARN, app id, client id …')}
        >
          {locked('externalId') ? (
            <Locked id="nhi-external-id" name="externalId" value={values.externalId ?? ''} />
          ) : (
            <Input
              id="nhi-external-id"
              name="externalId"
              defaultValue={values.externalId}
              invalid={invalid('externalId')}
            />
          )}
        </Field>
        <Field
          label="Environment"
          htmlFor="nhi-environment"
          errors={errors?.environment}
          hint={hintFor('environment', 'production, staging, development … (empty: unknown)')}
        >
          {locked('environment') ? (
            <Locked id="nhi-environment" name="environment" value={values.environment ?? ''} />
          ) : (
            <Input
              id="nhi-environment"
              name="environment"
              defaultValue={values.environment}
              invalid={invalid('environment')}
            />
          )}
        </Field>
        <Field
          label="Sponsor"
          htmlFor="nhi-sponsor"
          errors={errors?.sponsorId}
          hint={
            locked('sponsorId')
              ? 'Only the security team hands it to someone else.'
              : 'The person accountable for it; required for AI agents.'
          }
        >
          {locked('sponsorId') ? (
            <Locked id="nhi-sponsor" name="sponsorId" value={values.sponsorId ?? ''} display={sponsorLabel} />
          ) : (
            <Select
              id="nhi-sponsor"
              name="sponsorId"
              defaultValue={values.sponsorId ?? ''}
              invalid={invalid('sponsorId')}
            >
              <option value="">No sponsor</option>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Field label="Description" htmlFor="nhi-description" errors={errors?.description}>
        {locked('description') ? (
          <Locked id="nhi-description" name="description" value={values.description ?? ''} />
        ) : (
          <textarea
            id="nhi-description"
            name="description"
            rows={3}
            defaultValue={values.description}
            className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500 focus:outline-none"
          />
        )}
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
