'use client';

import { startTransition, useActionState, useState, type ReactNode } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Dialog } from 'radix-ui';
import { CheckCircle2, Circle, X } from 'lucide-react';
import type { ActionState } from '@/lib/adapters/action';
import type { MigrationView } from '@/lib/borrowed/move-to-scopes';
import type { CreateApiKeyState } from '@/components/api-keys/types';
import { SecretOnce } from '@/components/api-keys/secret-once';
import type { PickerSearch } from '@/components/pickers/combobox';
import { SinglePicker, type Picked } from '@/components/pickers/single-picker';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { Field, Input } from '@/components/ui/field';
import { utcDateTime } from './time';

/** The move's answer: its secret is shown once in the dialog, then forgotten when the dialog closes. */
export type MoveToScopesState = CreateApiKeyState;

export type MoveToScopesActions = {
  move: (form: FormData) => Promise<MoveToScopesState>;
  revoke: (state: ActionState, form: FormData) => Promise<ActionState>;
  searchAgents: PickerSearch;
  searchPeople: PickerSearch;
};

type Props = {
  caseId: string;
  person: string;
  migration: MigrationView;
  /** The identity the inventory already ties to the credential, offered first. */
  knownAgent: Picked | null;
  /** The source system the case was seen in, the default for a new identity. */
  system: string;
  actions: MoveToScopesActions;
};

function Step({ done, title, children }: { done: boolean; title: string; children: ReactNode }) {
  const Icon = done ? CheckCircle2 : Circle;
  return (
    <li className="flex gap-3 py-3">
      <Icon
        className={cn('mt-0.5 size-4 shrink-0', done ? 'text-emerald-600' : 'text-slate-300')}
        aria-label={done ? 'Done' : 'Not yet'}
      />
      <div className="min-w-0 flex-1 text-sm">
        <p className="font-medium text-slate-900">{title}</p>
        <div className="mt-0.5 text-slate-600">{children}</div>
      </div>
    </li>
  );
}

/** Stays mounted once the move succeeded, without its trigger, so that the page's refresh keeps the secret shown. */
function MoveDialog({
  caseId,
  knownAgent,
  system,
  actions,
  showTrigger,
}: Omit<Props, 'migration' | 'person'> & { showTrigger: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [state, dispatch, pending] = useActionState(
    (_previous: MoveToScopesState, form: FormData | null) => (form ? actions.move(form) : null),
    null,
  );
  const values = state?.ok ? undefined : state?.values;
  const [mode, setMode] = useState<'link' | 'create'>(knownAgent ? 'link' : 'create');
  const created = state?.ok ? state.created : undefined;
  const errors = state?.ok ? undefined : state?.fieldErrors;

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) return;
    if (created) router.refresh();
    startTransition(() => dispatch(null));
  }

  const initialAgent = values?.nhiId ? { id: values.nhiId, label: values.nhiIdLabel ?? '' } : knownAgent;
  const initialSponsor = values?.sponsorId ? { id: values.sponsorId, label: values.sponsorIdLabel ?? '' } : undefined;
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {showTrigger ? (
        <Dialog.Trigger asChild>
          <Button>Move this agent to task scopes</Button>
        </Dialog.Trigger>
      ) : null}
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl"
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
                  <Dialog.Title className="text-base font-semibold text-slate-900">
                    Move this agent to task scopes
                  </Dialog.Title>
                  <Dialog.Description className="mt-1 text-sm text-slate-500">
                    The agent gets an identity, a sponsor and an agent key of its own; the case moves to migrating. The
                    key’s secret is shown once.
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
                <input type="hidden" name="caseId" value={caseId} />
                <fieldset>
                  <legend className="mb-1 text-sm font-medium text-slate-700">Identity</legend>
                  <div className="flex flex-wrap gap-4 text-sm">
                    {(['link', 'create'] as const).map((option) => (
                      <label key={option} className="flex items-center gap-2">
                        <input
                          type="radio"
                          name="nhiMode"
                          value={option}
                          checked={mode === option}
                          onChange={() => setMode(option)}
                        />
                        {option === 'link' ? 'Link an existing identity' : 'Create a new AI agent'}
                      </label>
                    ))}
                  </div>
                </fieldset>
                {mode === 'link' ? (
                  <Field label="Existing identity" htmlFor="move-nhi" errors={errors?.nhiId}>
                    <SinglePicker
                      id="move-nhi"
                      name="nhiId"
                      search={actions.searchAgents}
                      initial={initialAgent ?? undefined}
                      placeholder="Search identities by name or id"
                      listLabel="Identities"
                      invalid={Boolean(errors?.nhiId)}
                    />
                  </Field>
                ) : (
                  <>
                    <Field label="Name" htmlFor="move-name" errors={errors?.name}>
                      <Input
                        id="move-name"
                        name="name"
                        defaultValue={values?.name}
                        autoComplete="off"
                        invalid={Boolean(errors?.name)}
                      />
                    </Field>
                    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
                      <Field label="System" htmlFor="move-system" errors={errors?.system}>
                        <Input
                          id="move-system"
                          name="system"
                          defaultValue={values?.system ?? system}
                          autoComplete="off"
                          invalid={Boolean(errors?.system)}
                        />
                      </Field>
                      <Field label="Environment" htmlFor="move-environment" errors={errors?.environment}>
                        <Input
                          id="move-environment"
                          name="environment"
                          defaultValue={values?.environment}
                          placeholder="e.g. production"
                          autoComplete="off"
                          invalid={Boolean(errors?.environment)}
                        />
                      </Field>
                    </div>
                    <Field
                      label="External identifier"
                      htmlFor="move-external-id"
                      errors={errors?.externalId}
                      hint="What the system knows the agent by, e.g. its app or service account id."
                    >
                      <Input
                        id="move-external-id"
                        name="externalId"
                        defaultValue={values?.externalId}
                        autoComplete="off"
                        invalid={Boolean(errors?.externalId)}
                      />
                    </Field>
                  </>
                )}
                <Field
                  label="Sponsor"
                  htmlFor="move-sponsor"
                  errors={errors?.sponsorId}
                  hint="The person accountable for the agent, who approves its task scopes."
                >
                  <SinglePicker
                    id="move-sponsor"
                    name="sponsorId"
                    search={actions.searchPeople}
                    initial={initialSponsor}
                    placeholder="Search people by name or email"
                    listLabel="People"
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
                    {pending ? 'Moving…' : 'Move and create the key'}
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

/** On a borrowed-credential case: the agent's own identity and key, its first approved scope, then the revocation. */
export function MoveToScopes({ caseId, person, migration, knownAgent, system, actions }: Props) {
  const { agent, credential, firstApproval } = migration;
  const moved = Boolean(agent && agent.keys.length > 0);
  const credentialRevoked = credential !== null && credential.status !== 'ACTIVE';
  return (
    <Card className="mb-6">
      <CardHeader
        title="Move to task scopes"
        description={`Give the agent access of its own, approved task by task, so that it stops using ${person}’s credential.`}
        action={
          <MoveDialog
            caseId={caseId}
            knownAgent={knownAgent}
            system={system}
            actions={actions}
            showTrigger={!moved && migration.status !== 'RESOLVED'}
          />
        }
      />
      <ol className="divide-y divide-slate-100 px-5" data-testid="migration-steps">
        <Step done={moved} title="Its own identity, sponsor and agent key">
          {agent && moved ? (
            <>
              <Link href={`/inventory/identities/${agent.id}`} className="hover:text-brand-700 hover:underline">
                {agent.name}
              </Link>
              {agent.sponsor ? `, sponsored by ${agent.sponsor.name}` : ', without a sponsor'}; agent key{' '}
              {agent.keys.map((key) => (
                <code key={key.prefix} className="font-mono text-xs">
                  {key.prefix}…
                </code>
              ))}
            </>
          ) : credential ? (
            'Not yet.'
          ) : (
            'Not yet. The move also records the person’s credential in the inventory, held by the agent, so that it can be revoked at the end.'
          )}
        </Step>
        <Step done={firstApproval !== null} title="Its first task scope approved">
          {firstApproval
            ? `“${firstApproval.task}”${firstApproval.decidedAt ? `, approved ${utcDateTime(firstApproval.decidedAt)}` : ''}.`
            : 'The agent asks for a scope with its key; its sponsor approves it in Approvals.'}
        </Step>
        <Step done={credentialRevoked} title={`${person}’s credential revoked`}>
          {credentialRevoked ? (
            'Resolve the case once no borrowed use follows.'
          ) : migration.offerRevoke && credential ? (
            <div className="flex flex-wrap items-center gap-3">
              <span>The agent has its own approved access: the borrowed credential can go.</span>
              <ConfirmAction
                action={actions.revoke}
                fields={{ caseId }}
                triggerLabel={`Revoke ${credential.name}`}
                title={`Revoke ${credential.name}?`}
                description={`From now on the inventory records ${person}’s credential as revoked; revoke it at its source too. The agent keeps working with its own task scopes.`}
                confirmLabel="Revoke the credential"
                variant="danger"
                reason="required"
              />
            </div>
          ) : (
            'Offered once the agent has its own key and an approved scope, so that its work does not stop.'
          )}
        </Step>
      </ol>
    </Card>
  );
}
