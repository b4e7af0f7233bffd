'use client';

import { useActionState, useCallback, useState, type ReactNode } from 'react';
import { Dialog } from 'radix-ui';
import type { ActionState } from '@/lib/adapters/action';
import { Button } from '@/components/ui/button';
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

type Step = keyof CaseWorkflowActions;

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

type Run = { state: ActionState; action: (form: FormData) => void; pending: boolean };

/**
 * One workflow step's server action, held by the component that stays on the page: a step's own button
 * disappears once the case moves on, and its outcome must still be told.
 */
function useStep(action: FormAction, onDone: () => void): Run {
  const [state, run, pending] = useActionState(action, null);
  useActionToast(state, onDone);
  return { state, action: run, pending };
}

function StepDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  caseId,
  run,
  submitLabel,
  submitDisabled = false,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  caseId: string;
  run: Run;
  submitLabel: string;
  submitDisabled?: boolean;
  children?: (errors: Record<string, string[]> | undefined) => ReactNode;
}) {
  const errors = run.state?.ok ? undefined : run.state?.fieldErrors;
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <Dialog.Title className="text-base font-semibold break-words text-slate-900">{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className="mt-1 text-sm text-slate-500">{description}</div>
          </Dialog.Description>
          <form action={run.action} className="mt-5 space-y-4" key={run.state?.nonce ?? 'new'}>
            <input type="hidden" name="caseId" value={caseId} />
            {children?.(errors)}
            {run.state && !run.state.ok && !errors ? (
              <p role="alert" className="text-sm text-red-700">
                {run.state.message}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </Dialog.Close>
              <Button type="submit" disabled={run.pending || submitDisabled}>
                {run.pending ? 'Saving…' : submitLabel}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

const textareaClasses =
  'block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500 focus:outline-none aria-invalid:ring-red-400';

/** The remediation steps a case's status allows, for those who may remediate, each asking before it acts. */
export function CaseActions({
  caseId,
  status,
  assignee,
  credentialInInventory,
  canResolve,
  actions,
  searchPeople,
}: Props) {
  const [open, setOpen] = useState<Step | null>(null);
  const close = useCallback(() => setOpen(null), []);
  const assign = useStep(actions.assign, close);
  const startMigration = useStep(actions.startMigration, close);
  const resolve = useStep(actions.resolve, close);
  const reopen = useStep(actions.reopen, close);
  const dialog = (step: Step) => ({
    open: open === step,
    onOpenChange: (next: boolean) => setOpen(next ? step : null),
    caseId,
  });

  if (status === 'RESOLVED')
    return (
      <StepDialog
        {...dialog('reopen')}
        trigger={
          <Button variant="secondary" size="sm">
            Reopen
          </Button>
        }
        title="Reopen this case?"
        description="It counts as open again in the burn-down until it is resolved anew. Say why for the audit trail."
        run={reopen}
        submitLabel="Reopen"
      >
        {(errors) => (
          <Field label="Reason" htmlFor="case-reopen-reason" errors={errors?.reason}>
            <textarea
              id="case-reopen-reason"
              name="reason"
              rows={2}
              required
              aria-invalid={errors?.reason ? true : undefined}
              className={textareaClasses}
            />
          </Field>
        )}
      </StepDialog>
    );

  return (
    <>
      <StepDialog
        {...dialog('assign')}
        trigger={
          <Button variant={assignee ? 'secondary' : 'primary'} size="sm">
            {assignee ? 'Reassign' : 'Assign'}
          </Button>
        }
        title="Who moves this agent off the person’s credential?"
        description="The assignee gets the agent onto credentials of its own, then has the person’s credential revoked or rotated."
        run={assign}
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
      </StepDialog>
      {status === 'ASSIGNED' ? (
        <StepDialog
          {...dialog('startMigration')}
          trigger={<Button size="sm">Start migration</Button>}
          title="Start moving the agent?"
          description="The case shows as migrating: the agent is getting credentials of its own while the person’s still works."
          run={startMigration}
          submitLabel="Start migration"
        />
      ) : null}
      <StepDialog
        {...dialog('resolve')}
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
        run={resolve}
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
      </StepDialog>
    </>
  );
}
