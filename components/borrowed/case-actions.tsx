'use client';

import { useActionState, useCallback, useState, type ReactNode } from 'react';
import { Dialog } from 'radix-ui';
import type { ActionState } from '@/lib/adapters/action';
import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { Field, Input } from '@/components/ui/field';
import { useActionToast } from '@/components/people/use-action-toast';
import type { PickerSearch } from '@/components/pickers/combobox';
import { SinglePicker } from '@/components/pickers/single-picker';
import type { CaseStatus } from './types';

export type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

export type CaseWorkflowActions = {
  assign: FormAction;
  startMigration: FormAction;
  resolve: FormAction;
  reopen: FormAction;
};

type Props = {
  caseId: string;
  status: CaseStatus;
  assignee: { id: string; name: string } | null;
  /** The credential is in Steward's inventory: its revocation or rotation is known there. */
  credentialInInventory: boolean;
  canResolve: { ok: boolean; why: string };
  actions: CaseWorkflowActions;
  searchPeople: PickerSearch;
};

function FormDialog({
  trigger,
  title,
  description,
  action,
  caseId,
  submitLabel,
  submitDisabled = false,
  children,
}: {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  action: FormAction;
  caseId: string;
  submitLabel: string;
  submitDisabled?: boolean;
  children: (errors: Record<string, string[]> | undefined) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(action, null);
  const close = useCallback(() => setOpen(false), []);
  useActionToast(state, close);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <Dialog.Title className="text-base font-semibold break-words text-slate-900">{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className="mt-1 text-sm text-slate-500">{description}</div>
          </Dialog.Description>
          <form action={formAction} className="mt-5 space-y-4" key={state?.nonce ?? 'new'}>
            <input type="hidden" name="caseId" value={caseId} />
            {children(errors)}
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
              <Button type="submit" disabled={pending || submitDisabled}>
                {pending ? 'Saving…' : submitLabel}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function AssignDialog({
  caseId,
  assignee,
  action,
  searchPeople,
}: {
  caseId: string;
  assignee: Props['assignee'];
  action: FormAction;
  searchPeople: PickerSearch;
}) {
  return (
    <FormDialog
      trigger={
        <Button variant={assignee ? 'secondary' : 'primary'} size="sm">
          {assignee ? 'Reassign' : 'Assign'}
        </Button>
      }
      title="Who moves this agent off the person’s credential?"
      description="The assignee gets the agent onto credentials of its own, then has the person’s credential revoked or rotated."
      action={action}
      caseId={caseId}
      submitLabel="Assign"
    >
      {(errors) => (
        <Field label="Assignee" htmlFor="case-assignee" errors={errors?.assigneeId}>
          <SinglePicker
            id="case-assignee"
            name="assigneeId"
            search={searchPeople}
            placeholder="Search by name or email"
            listLabel="Matching people"
            invalid={Boolean(errors?.assigneeId)}
          />
        </Field>
      )}
    </FormDialog>
  );
}

function ResolveDialog({
  caseId,
  credentialInInventory,
  canResolve,
  action,
}: {
  caseId: string;
  credentialInInventory: boolean;
  canResolve: Props['canResolve'];
  action: FormAction;
}) {
  return (
    <FormDialog
      trigger={
        <Button variant="secondary" size="sm">
          Resolve
        </Button>
      }
      title="Resolve this case?"
      description={
        <>
          <p>
            A case is resolved once the person’s credential was revoked or rotated and no borrowed use was seen after
            that. Borrowed use seen later opens it again.
          </p>
          {canResolve.ok ? null : (
            <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-amber-800" data-testid="resolve-refusal">
              {canResolve.why}
            </p>
          )}
        </>
      }
      action={action}
      caseId={caseId}
      submitLabel="Resolve"
      // Steward knows the credential's state: a refusal now would be the same refusal after submitting.
      submitDisabled={credentialInInventory && !canResolve.ok}
    >
      {(errors) =>
        credentialInInventory ? null : (
          <Field
            label="Revoked or rotated at (UTC)"
            htmlFor="case-credential-ended"
            errors={errors?.credentialEndedAt}
            hint="The credential is not in Steward’s inventory: say when it stopped working, as the system that issued it records."
          >
            <Input
              id="case-credential-ended"
              name="credentialEndedAt"
              type="datetime-local"
              step={1}
              required
              invalid={Boolean(errors?.credentialEndedAt)}
            />
          </Field>
        )
      }
    </FormDialog>
  );
}

/** The remediation buttons a case's status allows, for those who may remediate. */
export function CaseActions({
  caseId,
  status,
  assignee,
  credentialInInventory,
  canResolve,
  actions,
  searchPeople,
}: Props) {
  if (status === 'RESOLVED')
    return (
      <ConfirmAction
        action={actions.reopen}
        fields={{ caseId }}
        triggerLabel="Reopen"
        title="Reopen this case?"
        description="It counts as open again in the burn-down until it is resolved anew. Say why for the audit trail."
        confirmLabel="Reopen"
        reason="required"
      />
    );
  return (
    <>
      <AssignDialog caseId={caseId} assignee={assignee} action={actions.assign} searchPeople={searchPeople} />
      {status === 'ASSIGNED' ? (
        <ConfirmAction
          action={actions.startMigration}
          fields={{ caseId }}
          triggerLabel="Start migration"
          title="Start moving the agent?"
          description="The case shows as migrating: the agent is getting credentials of its own while the person’s still works."
          confirmLabel="Start migration"
          variant="primary"
        />
      ) : null}
      <ResolveDialog
        caseId={caseId}
        credentialInInventory={credentialInInventory}
        canResolve={canResolve}
        action={actions.resolve}
      />
    </>
  );
}
