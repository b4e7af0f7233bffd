'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import type { ActionState } from '@/lib/adapters/action';
import { MANAGED_CREDENTIAL_KINDS } from '@/lib/credentials/schemas';
import { Button, buttonClasses } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { CREDENTIAL_KIND_LABELS } from '@/components/inventory/labels';
import type { PickerSearch } from '@/components/pickers/combobox';
import { SinglePicker, type Picked } from '@/components/pickers/single-picker';

type Props = {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  searchPeople: PickerSearch;
  searchNhis: PickerSearch;
};

/** What a rejected form picked in a picker, to show it again. */
function pickedIn(values: Record<string, string>, name: string): Picked | undefined {
  return values[name] ? { id: values[name], label: values[`${name}Label`] || values[name] } : undefined;
}

const NHI_SEARCH_HINT = 'Search by name, identifier or system';

/** Records a credential by its fingerprint; Steward never takes the secret itself. */
export function CredentialForm({ action, searchPeople, searchNhis }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const values = state?.ok ? {} : (state?.values ?? {});
  const [subjectType, setSubjectType] = useState(values.subjectType || 'NHI');
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const invalid = (field: string) => Boolean(errors?.[field]);
  return (
    <form action={formAction} className="space-y-5" noValidate key={state?.nonce ?? 'initial'}>
      {state && !state.ok ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {state.message}
        </p>
      ) : null}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Name" htmlFor="cred-name" errors={errors?.name}>
          <Input id="cred-name" name="name" defaultValue={values.name} invalid={invalid('name')} />
        </Field>
        <Field label="Kind" htmlFor="cred-kind" errors={errors?.kind}>
          <Select id="cred-kind" name="kind" defaultValue={values.kind || 'API_KEY'} invalid={invalid('kind')}>
            {MANAGED_CREDENTIAL_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {CREDENTIAL_KIND_LABELS[kind]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="System" htmlFor="cred-system" errors={errors?.system}>
          <Input id="cred-system" name="system" defaultValue={values.system} invalid={invalid('system')} />
        </Field>
        <Field
          label="Fingerprint"
          htmlFor="cred-fingerprint"
          errors={errors?.fingerprint}
          hint="A hash or key id, never the secret."
        >
          <Input
            id="cred-fingerprint"
            name="fingerprint"
            defaultValue={values.fingerprint}
            autoComplete="off"
            invalid={invalid('fingerprint')}
          />
        </Field>
        <Field label="Authenticates as" htmlFor="cred-subject-type" errors={errors?.subjectType}>
          <Select
            id="cred-subject-type"
            name="subjectType"
            value={subjectType}
            onChange={(event) => setSubjectType(event.target.value)}
          >
            <option value="NHI">A non-human identity</option>
            <option value="HUMAN">A person (a borrowed credential when an NHI holds it)</option>
          </Select>
        </Field>
        {subjectType === 'HUMAN' ? (
          <Field label="Person" htmlFor="cred-subject-human" errors={errors?.subjectId}>
            <SinglePicker
              id="cred-subject-human"
              name="subjectHumanId"
              search={searchPeople}
              initial={pickedIn(values, 'subjectHumanId')}
              placeholder="Search by name or email"
              listLabel="Matching people"
              invalid={invalid('subjectId')}
            />
          </Field>
        ) : (
          <Field label="Identity" htmlFor="cred-subject-nhi" errors={errors?.subjectId}>
            <SinglePicker
              id="cred-subject-nhi"
              name="subjectNhiId"
              search={searchNhis}
              initial={pickedIn(values, 'subjectNhiId')}
              placeholder={NHI_SEARCH_HINT}
              listLabel="Matching identities"
              invalid={invalid('subjectId')}
            />
          </Field>
        )}
        <Field
          label="Held by"
          htmlFor="cred-holder"
          errors={errors?.holderNhiId}
          hint="The NHI that uses it, if not the identity itself. Leave empty if nobody else does."
        >
          <SinglePicker
            id="cred-holder"
            name="holderNhiId"
            search={searchNhis}
            initial={pickedIn(values, 'holderNhiId')}
            placeholder={NHI_SEARCH_HINT}
            listLabel="Matching identities"
            invalid={invalid('holderNhiId')}
          />
        </Field>
        <Field label="Environment" htmlFor="cred-environment" errors={errors?.environment}>
          <Input
            id="cred-environment"
            name="environment"
            defaultValue={values.environment}
            invalid={invalid('environment')}
          />
        </Field>
        <Field label="Issued" htmlFor="cred-issued" errors={errors?.issuedAt}>
          <Input
            id="cred-issued"
            name="issuedAt"
            type="date"
            defaultValue={values.issuedAt}
            invalid={invalid('issuedAt')}
          />
        </Field>
        <Field
          label="Expires"
          htmlFor="cred-expires"
          errors={errors?.expiresAt}
          hint="Empty: standing (never expires)."
        >
          <Input
            id="cred-expires"
            name="expiresAt"
            type="date"
            defaultValue={values.expiresAt}
            invalid={invalid('expiresAt')}
          />
        </Field>
        <Field label="Last rotated" htmlFor="cred-rotated" errors={errors?.lastRotatedAt}>
          <Input
            id="cred-rotated"
            name="lastRotatedAt"
            type="date"
            defaultValue={values.lastRotatedAt}
            invalid={invalid('lastRotatedAt')}
          />
        </Field>
      </div>
      <div className="flex justify-end gap-2">
        <Link href="/inventory/credentials" className={buttonClasses('secondary')}>
          Cancel
        </Link>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Add credential'}
        </Button>
      </div>
    </form>
  );
}
