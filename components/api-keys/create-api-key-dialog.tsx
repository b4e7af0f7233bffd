'use client';

import { startTransition, useActionState, useEffect, useState } from 'react';
import { Dialog } from 'radix-ui';
import { Plus, X } from 'lucide-react';
import { toast } from 'sonner';
import type { ApiKeyKind } from '@/lib/db/generated/sqlite/enums';
import { API_KEY_KINDS } from '@/lib/api-keys/schemas';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { SinglePicker } from '@/components/pickers/single-picker';
import { KeyLifetime } from './key-lifetime';
import { KEY_KINDS } from './kinds';
import { SecretOnce } from './secret-once';
import type { ApiKeyActions, CreateApiKeyState } from './types';

function isKind(value: string | undefined): value is ApiKeyKind {
  return (API_KEY_KINDS as string[]).includes(value ?? '');
}

export function CreateApiKeyDialog({ actions }: { actions: ApiKeyActions }) {
  const [open, setOpen] = useState(false);
  // Runs the create action, or forgets its answer, and the secret in it, when given no form.
  const [state, dispatch, pending] = useActionState(
    (_previous: CreateApiKeyState, form: FormData | null) => (form ? actions.create(form) : null),
    null,
  );
  const [kind, setKind] = useState<ApiKeyKind>('AGENT');
  useEffect(() => {
    // Success needs no toast: the dialog itself shows the new key.
    if (state && !state.ok && !state.fieldErrors) toast.error(state.message);
  }, [state]);
  const created = state?.ok ? state.created : undefined;
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const values = state?.ok ? undefined : state?.values;

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) return;
    startTransition(() => dispatch(null));
    setKind('AGENT');
  }

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        <Button>
          <Plus className="size-4" aria-hidden />
          Create a key
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl"
          // A click beside the dialog must not throw away a secret nobody has copied yet.
          onInteractOutside={(event) => {
            if (created) event.preventDefault();
          }}
        >
          {created ? (
            <SecretOnce created={created} onDone={() => onOpenChange(false)} />
          ) : (
            <>
              <div className="flex items-start justify-between gap-4">
                <div>
                  <Dialog.Title className="text-base font-semibold text-slate-900">Create an API key</Dialog.Title>
                  <Dialog.Description className="mt-1 text-sm text-slate-500">
                    Its secret is shown once, right after you create it.
                  </Dialog.Description>
                </div>
                <Dialog.Close
                  className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
                  aria-label="Close"
                >
                  <X className="size-4" />
                </Dialog.Close>
              </div>
              <form action={dispatch} className="mt-5 space-y-4" noValidate key={state?.nonce ?? 'new'}>
                <Field
                  label="Name"
                  htmlFor="key-name"
                  errors={errors?.name}
                  hint="What will use it, e.g. Okta collector."
                >
                  <Input
                    id="key-name"
                    name="name"
                    defaultValue={values?.name}
                    autoComplete="off"
                    invalid={Boolean(errors?.name)}
                  />
                </Field>
                <Field label="Kind" htmlFor="key-kind" errors={errors?.kind} hint={KEY_KINDS[kind].description}>
                  <Select
                    id="key-kind"
                    name="kind"
                    value={kind}
                    onChange={(event) => {
                      if (isKind(event.target.value)) setKind(event.target.value);
                    }}
                    invalid={Boolean(errors?.kind)}
                  >
                    {API_KEY_KINDS.map((option) => (
                      <option key={option} value={option}>
                        {KEY_KINDS[option].label}
                      </option>
                    ))}
                  </Select>
                </Field>
                {kind === 'AGENT' ? (
                  <Field
                    label="Identity"
                    htmlFor="key-nhi"
                    errors={errors?.nhiId}
                    hint="The NHI this key belongs to. It acts only as that identity."
                  >
                    <SinglePicker
                      id="key-nhi"
                      name="nhiId"
                      search={actions.searchNhis}
                      initial={
                        values?.nhiId ? { id: values.nhiId, label: values.nhiIdLabel || values.nhiId } : undefined
                      }
                      placeholder="Search by name, identifier or system"
                      listLabel="Matching identities"
                      invalid={Boolean(errors?.nhiId)}
                    />
                  </Field>
                ) : null}
                <KeyLifetime initialDays={values?.expiresInDays} errors={errors?.expiresInDays} />
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
                    {pending ? 'Creating…' : 'Create key'}
                  </Button>
                </div>
              </form>
            </>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
