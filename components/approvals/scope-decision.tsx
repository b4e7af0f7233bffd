'use client';

import type { FieldErrors } from '@/lib/errors';
import { Field, Input, Select } from '@/components/ui/field';
import { ActionDialog, textareaClasses, type FormAction } from './action-dialog';
import { formatDuration, ttlChoices } from './format';

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

function ttlLabel(seconds: number, scope: DecidedScope): string {
  if (seconds === scope.requestedTtlSeconds) return `${formatDuration(seconds)} (as asked)`;
  if (seconds === scope.ttlCapSeconds) return `${formatDuration(seconds)} (the policy’s longest)`;
  return formatDuration(seconds);
}

function ApproveFields({ scope, errors }: { scope: DecidedScope; errors: FieldErrors | undefined }) {
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
            : 'The grant ends after this long, whether the task is done or not. Shorter is safer.'
        }
      >
        <Select id={`${idPrefix}-ttl`} name="ttlSeconds" invalid={Boolean(errors?.ttlSeconds)}>
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
          defaultValue={scope.resources.join('\n')}
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
          defaultValue={scope.maxUses === null ? '' : String(scope.maxUses)}
          invalid={Boolean(errors?.maxUses)}
          className="w-40"
        />
      </Field>
    </>
  );
}

/** Approve (shortening, narrowing or limiting the grant) or deny with a reason, each in its own dialog. */
export function ScopeDecision({ scope, actions }: { scope: DecidedScope; actions: DecisionActions }) {
  const fields = { scopeId: scope.id };
  return (
    <div className="flex flex-wrap gap-2">
      <ActionDialog
        action={actions.approve}
        fields={fields}
        triggerLabel="Approve…"
        title={`Approve “${scope.task}”?`}
        description={
          scope.securityFollows
            ? `${scope.agent} gets its task token once Security approves too. You may grant less than it asked for.`
            : `${scope.agent} may then fetch a task token good for exactly this. You may grant less than it asked for.`
        }
        submitLabel="Approve"
      >
        {(errors) => <ApproveFields scope={scope} errors={errors} />}
      </ActionDialog>
      <ActionDialog
        action={actions.deny}
        fields={fields}
        triggerLabel="Deny…"
        triggerVariant="danger"
        title={`Deny “${scope.task}”?`}
        description={`${scope.agent} is told the request was denied. Your reason is recorded in the audit trail.`}
        submitLabel="Deny"
        submitVariant="danger"
        reason="required"
      />
    </div>
  );
}
