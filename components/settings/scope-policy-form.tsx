'use client';

import { useActionState, useId, useRef, useState } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import type { ActionState } from '@/lib/adapters/action';
import { isStateChanging, type ScopePolicy } from '@/lib/scopes/risk';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Field, Input, Select } from '@/components/ui/field';
import { useActionToast } from '@/components/people/use-action-toast';
import { durationParts, formatDuration, UNIT_SECONDS, type DurationUnit } from './duration';

type SaveAction = (state: ActionState, form: FormData) => Promise<ActionState>;
type Row = { key: string; system: string; verbs: string };
type Errors = Record<string, string[]> | undefined;

const EXAMPLE_SYSTEMS: Row[] = [{ key: 'new-0', system: '', verbs: '' }];

function rowsOf(policy: ScopePolicy): Row[] {
  const rows = Object.entries(policy.stateChangingVerbs).map(([system, verbs], index) => ({
    key: `saved-${index}`,
    system,
    verbs: verbs.join(', '),
  }));
  return rows.length > 0 ? rows : EXAMPLE_SYSTEMS;
}

function DurationField({
  name,
  label,
  hint,
  seconds,
  errors,
}: {
  name: string;
  label: string;
  hint: string;
  seconds: number;
  errors?: string[];
}) {
  const initial = durationParts(seconds);
  const [amount, setAmount] = useState(initial.amount);
  const [unit, setUnit] = useState<DurationUnit>(initial.unit);
  return (
    <Field label={label} htmlFor={name} errors={errors} hint={hint}>
      <div className="flex gap-2">
        <Input
          id={name}
          name={name}
          inputMode="decimal"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          invalid={Boolean(errors)}
          className="w-28"
        />
        <Select
          name={`${name}Unit`}
          aria-label={`Unit of: ${label}`}
          value={unit}
          onChange={(event) => setUnit(event.target.value === 'minutes' ? 'minutes' : 'hours')}
          className="w-32"
        >
          <option value="hours">hours</option>
          <option value="minutes">minutes</option>
        </Select>
      </div>
    </Field>
  );
}

/** Tries an action against the patterns as typed, before they are saved. */
function ActionCheck({ rows, policy }: { rows: Row[]; policy: ScopePolicy }) {
  const id = useId();
  const [action, setAction] = useState('github:pulls.merge');
  const draft: ScopePolicy = {
    ...policy,
    stateChangingVerbs: Object.fromEntries(
      rows
        .filter((row) => row.system.trim())
        .map((row) => [row.system.trim(), row.verbs.split(/[\s,]+/).filter(Boolean)]),
    ),
  };
  const valid = /^[a-z][a-z0-9_-]*:\S+$/.test(action.trim());
  const changing = valid && isStateChanging(draft, action.trim());
  return (
    <div className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200 ring-inset">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Try an action
      </label>
      <div className="mt-1 flex flex-col gap-2 sm:flex-row sm:items-center">
        <Input
          id={id}
          value={action}
          onChange={(event) => setAction(event.target.value)}
          placeholder="system:verb, e.g. github:pulls.merge"
          className="font-mono sm:max-w-sm"
          autoComplete="off"
        />
        <p className="text-sm text-slate-600" aria-live="polite">
          {valid ? (
            changing ? (
              <Badge tone="warning">changes state</Badge>
            ) : (
              <Badge tone="success">read-only</Badge>
            )
          ) : (
            'Write it as system:verb.'
          )}
        </p>
      </div>
    </div>
  );
}

function VerbRows({ policy, errors }: { policy: ScopePolicy; errors?: string[] }) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(policy));
  const added = useRef(0);
  const update = (key: string, change: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  return (
    <div className="space-y-3">
      <ul className="space-y-3">
        {rows.map((row, index) => (
          <li key={row.key} className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <Input
              name="system"
              aria-label={`System ${index + 1}`}
              placeholder="github"
              value={row.system}
              onChange={(event) => update(row.key, { system: event.target.value })}
              className="font-mono sm:w-40"
              autoComplete="off"
              invalid={Boolean(errors)}
            />
            <Input
              name="verbs"
              aria-label={`Verbs that change state in system ${index + 1}`}
              placeholder="pulls.merge, contents.write, *.delete"
              value={row.verbs}
              onChange={(event) => update(row.key, { verbs: event.target.value })}
              className="min-w-0 flex-1 font-mono"
              autoComplete="off"
              invalid={Boolean(errors)}
            />
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="self-start sm:self-auto"
              aria-label={`Remove system ${index + 1}`}
              onClick={() => setRows((current) => current.filter((other) => other.key !== row.key))}
            >
              <Trash2 className="size-4" aria-hidden />
              <span className="sm:hidden">Remove</span>
            </Button>
          </li>
        ))}
      </ul>
      {errors ? (
        <ul className="space-y-0.5 text-sm text-red-700">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      <Button
        type="button"
        variant="secondary"
        size="sm"
        onClick={() => {
          added.current += 1;
          const key = `added-${added.current}`;
          setRows((current) => [...current, { key, system: '', verbs: '' }]);
        }}
      >
        <Plus className="size-4" aria-hidden />
        Add a system
      </Button>
      <ActionCheck rows={rows} policy={policy} />
    </div>
  );
}

/**
 * The policy's fields. Its parent remounts it when the saved policy changes, so that what it shows starts from
 * what was saved; while a save is refused, it keeps what the person typed.
 */
function PolicyFields({ policy, errors }: { policy: ScopePolicy; errors: Errors }) {
  const [threshold, setThreshold] = useState(String(policy.riskThreshold));
  return (
    <>
      <Card>
        <CardHeader
          title="How long a scope may last"
          description="An approver may grant less than the agent asked for, never more than these caps."
        />
        <div className="grid gap-5 px-5 py-4 sm:grid-cols-2">
          <DurationField
            name="readOnlyTtlCap"
            label="Read-only scopes"
            hint={`Scopes that only read, list or describe. Default ${formatDuration(8 * UNIT_SECONDS.hours)}.`}
            seconds={policy.readOnlyTtlCapSeconds}
            errors={errors?.readOnlyTtlCap}
          />
          <DurationField
            name="stateChangingTtlCap"
            label="State-changing scopes"
            hint={`Scopes with at least one action that changes state. Default ${formatDuration(UNIT_SECONDS.hours)}.`}
            seconds={policy.stateChangingTtlCapSeconds}
            errors={errors?.stateChangingTtlCap}
          />
        </div>
      </Card>

      <Card>
        <CardHeader
          title="Second approval by Security"
          description="After the sponsor approves, a state-changing scope whose risk score reaches the threshold waits for someone in Security as well."
        />
        <div className="px-5 py-4">
          <Field
            label="Risk threshold (0–100)"
            htmlFor="riskThreshold"
            errors={errors?.riskThreshold}
            hint="Changing state, broad wildcards, production resources and long lifetimes raise a scope's score. 0 sends every state-changing scope to Security; default 60."
          >
            <Input
              id="riskThreshold"
              name="riskThreshold"
              inputMode="numeric"
              value={threshold}
              onChange={(event) => setThreshold(event.target.value)}
              invalid={Boolean(errors?.riskThreshold)}
              className="w-28"
            />
          </Field>
        </div>
      </Card>

      <Card>
        <CardHeader
          title="Actions that change state"
          description={
            <>
              Per system, the verbs that change state; <code className="font-mono">*</code> stands for any text, as in{' '}
              <code className="font-mono">*.delete</code>. A system not listed here counts every verb as changing state
              except those that read, list, get, describe, view or search.
            </>
          }
        />
        <div className="px-5 py-4">
          <VerbRows policy={policy} errors={errors?.stateChangingVerbs} />
        </div>
      </Card>
    </>
  );
}

export function ScopePolicyForm({ policy, save }: { policy: ScopePolicy; save: SaveAction }) {
  const [state, action, pending] = useActionState(save, null);
  useActionToast(state);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  return (
    <form action={action} noValidate className="space-y-6">
      <PolicyFields key={JSON.stringify(policy)} policy={policy} errors={errors} />
      {state && !state.ok && errors ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save policy'}
        </Button>
      </div>
    </form>
  );
}
