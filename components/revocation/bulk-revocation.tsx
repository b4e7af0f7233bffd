'use client';

import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import type { FieldErrors } from '@/lib/errors';
import type { BulkRevocationReceipt } from '@/lib/revocation/bulk';
import type { BulkImpact } from '@/lib/revocation/impact';
import { BULK_TARGET_KINDS, MAX_BULK_REASON_LENGTH, type BulkTargetKind } from '@/lib/revocation/schemas';
import { Combobox, type PickerOption } from '@/components/pickers/combobox';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Field, Input } from '@/components/ui/field';
import { ImpactPanel } from './impact-panel';
import { TARGET_KINDS } from './labels';
import { RevocationReceipt } from './receipt';
import type { BulkRevocationActions } from './types';

function countChanges(before: BulkImpact, after: BulkImpact): string {
  const parts = (
    [
      ['scopes', before.scopes.length, after.scopes.length],
      ['task tokens', before.tokens.length, after.tokens.length],
      ['other credentials', before.credentials.length, after.credentials.length],
    ] as const
  )
    .filter(([, from, to]) => from !== to)
    .map(([what, from, to]) => `${what} ${from} → ${to}`);
  return parts.length > 0 ? parts.join(', ') : 'the same counts, but not the same ones';
}

function TargetKindChoice({ kind, onChange }: { kind: BulkTargetKind; onChange: (kind: BulkTargetKind) => void }) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-700">Revoke by</legend>
      <div className="grid grid-cols-2 gap-2 lg:grid-cols-4">
        {BULK_TARGET_KINDS.map((option) => (
          <label
            key={option}
            className={cn(
              'cursor-pointer rounded-md px-3 py-2 ring-1 ring-slate-200 ring-inset has-focus-visible:ring-2 has-focus-visible:ring-brand-500',
              kind === option && 'bg-brand-50 ring-2 ring-brand-500',
            )}
          >
            <input
              type="radio"
              name="kind"
              value={option}
              checked={kind === option}
              onChange={() => onChange(option)}
              className="sr-only"
            />
            <span className="block text-sm font-medium text-slate-900">{TARGET_KINDS[option].label}</span>
            <span className="block text-xs text-slate-500">{TARGET_KINDS[option].meaning}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Choose a target, preview the impact, type to confirm, then read the receipt. */
export function BulkRevocation({ actions }: { actions: BulkRevocationActions }) {
  const [kind, setKind] = useState<BulkTargetKind>('human');
  const [picked, setPicked] = useState<PickerOption | null>(null);
  const [impact, setImpact] = useState<BulkImpact | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [receipt, setReceipt] = useState<BulkRevocationReceipt | null>(null);
  const [pending, startTransition] = useTransition();

  function reset(nextKind = kind) {
    setKind(nextKind);
    setPicked(null);
    setImpact(null);
    setChanged(null);
    setReason('');
    setConfirmation('');
    setErrors({});
    setReceipt(null);
  }

  function preview() {
    if (!picked) return;
    startTransition(async () => {
      const result = await actions.preview({ kind, id: picked.id });
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      setImpact(result.impact);
      setChanged(null);
      setConfirmation('');
      setErrors({});
    });
  }

  function revoke() {
    if (!impact) return;
    startTransition(async () => {
      const result = await actions.revoke({
        kind: impact.target.kind,
        id: impact.target.id,
        reason,
        confirmation,
        impactDigest: impact.digest,
      });
      if (result.ok) {
        setReceipt(result.receipt);
        return;
      }
      setErrors(result.fieldErrors ?? {});
      if (result.current) {
        setChanged(`${result.message} Now: ${countChanges(impact, result.current)}.`);
        setImpact(result.current);
        setConfirmation('');
      } else if (!result.fieldErrors) toast.error(result.message);
    });
  }

  const empty = impact !== null && impact.scopes.length === 0 && impact.credentials.length === 0;
  const confirmed = impact !== null && confirmation.trim() === impact.target.confirmText;

  if (receipt)
    return (
      <Card>
        <CardHeader
          title="Receipt"
          description="Recorded in the audit trail in the same transaction as the revocation."
          action={
            <Button variant="secondary" onClick={() => reset()}>
              Revoke something else
            </Button>
          }
        />
        <div className="px-5 py-4">
          <RevocationReceipt receipt={receipt} scopes={impact?.scopes ?? []} />
        </div>
      </Card>
    );

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="1. Choose what to revoke" />
        <div className="space-y-4 px-5 py-4">
          <TargetKindChoice kind={kind} onChange={(next) => reset(next)} />
          <div className="flex flex-wrap items-end gap-3">
            <div className="min-w-64 flex-1">
              <label htmlFor="revocation-target" className="mb-1 block text-sm font-medium text-slate-700">
                {TARGET_KINDS[kind].label}
              </label>
              <Combobox
                key={kind}
                id="revocation-target"
                search={(query) => actions.search(kind, query)}
                onPick={(option) => {
                  setPicked(option);
                  setImpact(null);
                }}
                onEdit={() => {
                  setPicked(null);
                  setImpact(null);
                }}
                placeholder={TARGET_KINDS[kind].placeholder}
                listLabel={`${TARGET_KINDS[kind].label} suggestions`}
              />
            </div>
            <Button type="button" onClick={preview} disabled={!picked || pending}>
              {pending && !impact ? 'Reading the impact…' : 'Preview impact'}
            </Button>
          </div>
        </div>
      </Card>
      {impact ? (
        <Card>
          <CardHeader
            title={`2. What revoking ${impact.target.label} ends`}
            description={`${TARGET_KINDS[impact.target.kind].label}: ${impact.target.detail}`}
          />
          <div className="space-y-4 px-5 py-4">
            {changed ? (
              <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
                {changed}
              </p>
            ) : null}
            <ImpactPanel impact={impact} />
          </div>
        </Card>
      ) : null}
      {impact ? (
        <Card>
          <CardHeader
            title="3. Confirm"
            description="Everything above is revoked at once, in one transaction, and recorded in the audit trail. It cannot be undone from Steward."
          />
          {empty ? (
            <p className="px-5 py-4 text-sm text-slate-600">Nothing active is left to revoke for this target.</p>
          ) : (
            <form
              className="space-y-4 px-5 py-4"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                revoke();
              }}
            >
              <Field
                label="Reason"
                htmlFor="revocation-reason"
                errors={errors.reason}
                hint="Recorded with the revocation and on every revoked scope and credential."
              >
                <textarea
                  id="revocation-reason"
                  name="reason"
                  rows={2}
                  maxLength={MAX_BULK_REASON_LENGTH}
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                  aria-invalid={Boolean(errors.reason) || undefined}
                  className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500 focus:outline-none aria-invalid:ring-red-400"
                />
              </Field>
              <Field
                label={`Type ${impact.target.confirmText} to confirm`}
                htmlFor="revocation-confirmation"
                errors={errors.confirmation}
              >
                <Input
                  id="revocation-confirmation"
                  name="confirmation"
                  autoComplete="off"
                  spellCheck={false}
                  value={confirmation}
                  onChange={(event) => setConfirmation(event.target.value)}
                  invalid={Boolean(errors.confirmation)}
                />
              </Field>
              <div className="flex justify-end">
                <Button type="submit" variant="danger" disabled={!confirmed || pending}>
                  {pending ? 'Revoking…' : 'Revoke now'}
                </Button>
              </div>
            </form>
          )}
        </Card>
      ) : null}
    </div>
  );
}
