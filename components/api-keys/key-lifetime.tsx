'use client';

import { useState } from 'react';
import { DEFAULT_KEY_LIFETIME_DAYS, MAX_KEY_LIFETIME_DAYS } from '@/lib/api-keys/schemas';
import { Field, Input, Select } from '@/components/ui/field';

const CUSTOM = 'custom';

const PRESETS: { days: number; label: string }[] = [
  { days: 30, label: '30 days' },
  { days: DEFAULT_KEY_LIFETIME_DAYS, label: `${DEFAULT_KEY_LIFETIME_DAYS} days (recommended)` },
  { days: 180, label: '180 days' },
  { days: 365, label: '1 year' },
  { days: 730, label: '2 years' },
];

function choiceOf(days: string | undefined): string {
  if (!days) return String(DEFAULT_KEY_LIFETIME_DAYS);
  return PRESETS.some((preset) => String(preset.days) === days) ? days : CUSTOM;
}

/**
 * How long a new key lives: 90 days unless whoever makes it chooses a preset or a number of days. There is
 * no choice of "for ever": a forgotten key stops working by itself.
 */
export function KeyLifetime({ initialDays, errors }: { initialDays?: string; errors?: string[] }) {
  const [choice, setChoice] = useState(choiceOf(initialDays));
  const custom = choice === CUSTOM;
  return (
    <div className="space-y-4">
      <Field
        label="Lifetime"
        htmlFor="key-lifetime"
        errors={custom ? undefined : errors}
        hint="The key stops working after this; create a new one before then."
      >
        <Select id="key-lifetime" value={choice} onChange={(event) => setChoice(event.target.value)}>
          {PRESETS.map((preset) => (
            <option key={preset.days} value={String(preset.days)}>
              {preset.label}
            </option>
          ))}
          <option value={CUSTOM}>Another number of days…</option>
        </Select>
      </Field>
      {custom ? (
        <Field
          label="Expires after (days)"
          htmlFor="key-expiry"
          errors={errors}
          hint={`From 1 to ${MAX_KEY_LIFETIME_DAYS} days.`}
        >
          <Input
            id="key-expiry"
            name="expiresInDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_KEY_LIFETIME_DAYS}
            defaultValue={initialDays && choiceOf(initialDays) === CUSTOM ? initialDays : ''}
            invalid={Boolean(errors)}
          />
        </Field>
      ) : (
        <input type="hidden" name="expiresInDays" value={choice} />
      )}
    </div>
  );
}
