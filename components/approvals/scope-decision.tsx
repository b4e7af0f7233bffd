'use client';

import { useActionState, useCallback, useState, type ReactNode } from 'react';
import { Dialog } from 'radix-ui';
import type { ActionState } from '@/lib/adapters/action';
import { useActionToast } from '@/components/people/use-action-toast';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { formatDuration, ttlChoices } from './format';

export type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

export type DecisionActions = { approve: FormAction; deny: FormAction };

export type DecidedScope = {
  id: string;
  task: string;
  agent: string;
  resources: string[];
  requestedTtlSeconds: number;
  ttlCapSeconds: number;
  maxUses: number | null;
  /** Security still approves after this one. */
  securityFollows: boolean;
};

type Run = { state: ActionState; action: (form: FormData) => void; pending: boolean };

function useDecision(action: FormAction, onDone: () => void): Run {
  const [state, run, pending] = useActionState(action, null);
  useActionToast(state, onDone);
  return { state, action: run, pending };
}

const textareaClasses =
  'block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500 focus:outline-none aria-invalid:ring-red-400';

function DecisionDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  scopeId,
  run,
  submitLabel,
  submitVariant = 'primary',
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  scopeId: string;
  run: Run;
  submitLabel: string;
  submitVariant?: 'primary' | 'danger';
  children: (errors: Record<string, string[]> | undefined, values: Record<string, string> | undefined) => ReactNode;
}) {
  const failed = run.state && !run.state.ok ? run.state : null;
  const errors = failed?.fieldErrors;
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl">
          <Dialog.Title className="text-base font-semibold break-words text-slate-900">{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className="mt-1 text-sm text-slate-500">{description}</div>
          </Dialog.Description>
          <form action={run.action} className="mt-5 space-y-4" key={failed?.nonce ?? 'new'}>
            <input type="hidden" name="scopeId" value={scopeId} />
            {children(errors, failed?.values)}
            {failed && (!errors || errors._form) ? (
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
              <Button type="submit" variant={submitVariant} disabled={run.pending}>
                {run.pending ? 'Saving…' : submitLabel}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function ttlLabel(seconds: number, scope: DecidedScope): string {
  if (seconds === scope.requestedTtlSeconds) return `${formatDuration(seconds)} (as asked)`;
  if (seconds === scope.ttlCapSeconds) return `${formatDuration(seconds)} (the policy’s longest)`;
  return formatDuration(seconds);
}

function ApproveFields({
  scope,
  errors,
  values,
}: {
  scope: DecidedScope;
  errors: Record<string, string[]> | undefined;
  values: Record<string, string> | undefined;
}) {
  const idPrefix = `approve-${scope.id}`;
  const cappedBelowAsked = scope.ttlCapSeconds < scope.requestedTtlSeconds;
  return (
    <>
      <Field
        label="Lifetime"
        htmlFor={`${idPrefix}-ttl`}
        errors={errors?.ttlSeconds}
        hint={
          cappedBelowAsked
            ? `The agent asked for ${formatDuration(scope.requestedTtlSeconds)}; the policy allows at most ${formatDuration(scope.ttlCapSeconds)} for these actions.`
            : 'The grant ends at this age even if the task is not done. Shorter is safer.'
        }
      >
        <Select
          id={`${idPrefix}-ttl`}
          name="ttlSeconds"
          defaultValue={values?.ttlSeconds}
          invalid={Boolean(errors?.ttlSeconds)}
        >
          {ttlChoices(scope.requestedTtlSeconds, scope.ttlCapSeconds).map((seconds) => (
            <option key={seconds} value={seconds}>
              {ttlLabel(seconds, scope)}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Resources"
        htmlFor={`${idPrefix}-resources`}
        errors={errors?.resources}
        hint="One pattern a line. Remove a line, or make a pattern narrower; nothing beyond what the agent asked for."
      >
        <textarea
          id={`${idPrefix}-resources`}
          name="resources"
          rows={Math.min(6, scope.resources.length + 1)}
          defaultValue={values?.resources ?? scope.resources.join('\n')}
          spellCheck={false}
          aria-invalid={errors?.resources ? true : undefined}
          aria-describedby={errors?.resources ? `${idPrefix}-resources-error` : undefined}
          className={`${textareaClasses} font-mono`}
        />
      </Field>
      <Field
        label="Use limit (optional)"
        htmlFor={`${idPrefix}-uses`}
        errors={errors?.maxUses}
        hint={
          scope.maxUses === null
            ? 'How many allowed actions the grant is good for; 1 makes it one-shot. Empty: no limit.'
            : `The agent asked for at most ${scope.maxUses}; you may allow fewer.`
        }
      >
        <Input
          id={`${idPrefix}-uses`}
          name="maxUses"
          type="number"
          inputMode="numeric"
          min={1}
          max={scope.maxUses ?? undefined}
          placeholder={scope.maxUses === null ? 'No limit' : undefined}
          defaultValue={values?.maxUses ?? (scope.maxUses === null ? '' : String(scope.maxUses))}
          invalid={Boolean(errors?.maxUses)}
          className="w-40"
        />
      </Field>
    </>
  );
}

/** Approve (shortening, narrowing or limiting the grant) or deny with a reason, each in its own dialog. */
export function ScopeDecision({ scope, actions }: { scope: DecidedScope; actions: DecisionActions }) {
  const [open, setOpen] = useState<'approve' | 'deny' | null>(null);
  const close = useCallback(() => setOpen(null), []);
  const approve = useDecision(actions.approve, close);
  const deny = useDecision(actions.deny, close);
  const dialog = (which: 'approve' | 'deny') => ({
    open: open === which,
    onOpenChange: (next: boolean) => setOpen(next ? which : null),
    scopeId: scope.id,
  });
  return (
    <div className="flex flex-wrap gap-2">
      <DecisionDialog
        {...dialog('approve')}
        trigger={<Button size="sm">Approve…</Button>}
        title={`Approve “${scope.task}”?`}
        description={
          scope.securityFollows
            ? `${scope.agent} gets its task token once Security approves too. You may grant less than it asked for.`
            : `${scope.agent} may then fetch a task token good for exactly this. You may grant less than it asked for.`
        }
        run={approve}
        submitLabel="Approve"
      >
        {(errors, values) => <ApproveFields scope={scope} errors={errors} values={values} />}
      </DecisionDialog>
      <DecisionDialog
        {...dialog('deny')}
        trigger={
          <Button size="sm" variant="danger">
            Deny…
          </Button>
        }
        title={`Deny “${scope.task}”?`}
        description={`${scope.agent} is told the request was denied. Your reason is recorded in the audit trail.`}
        run={deny}
        submitLabel="Deny"
        submitVariant="danger"
      >
        {(errors, values) => (
          <Field label="Reason" htmlFor={`deny-${scope.id}-reason`} errors={errors?.reason}>
            <textarea
              id={`deny-${scope.id}-reason`}
              name="reason"
              rows={3}
              defaultValue={values?.reason}
              aria-invalid={errors?.reason ? true : undefined}
              aria-describedby={errors?.reason ? `deny-${scope.id}-reason-error` : undefined}
              className={textareaClasses}
            />
          </Field>
        )}
      </DecisionDialog>
    </div>
  );
}
