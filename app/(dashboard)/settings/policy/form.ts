import { invalidInput, type FieldErrors } from '@/lib/errors';
import { MAX_SCOPE_TTL_SECONDS } from '@/lib/scopes/schemas';
import { UNIT_SECONDS, type DurationUnit } from '@/components/settings/duration';

/**
 * The policy form speaks in minutes or hours and in one row per system; the use case takes seconds and a map
 * of system to verb patterns. This turns one into the other, with field errors in the form's own words.
 */

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

function durationSeconds(form: FormData, field: string, errors: FieldErrors): number | undefined {
  const unit: DurationUnit = text(form, `${field}Unit`) === 'minutes' ? 'minutes' : 'hours';
  const amount = Number(text(form, field).replace(',', '.'));
  const seconds = Math.round(amount * UNIT_SECONDS[unit]);
  if (text(form, field) === '' || !Number.isFinite(amount)) errors[field] = [`Give a number of ${unit}.`];
  else if (seconds < 60) errors[field] = ['Use at least 1 minute.'];
  else if (seconds > MAX_SCOPE_TTL_SECONDS) errors[field] = [`Use at most ${MAX_SCOPE_TTL_SECONDS / 3600} hours.`];
  return errors[field] ? undefined : seconds;
}

function verbsBySystem(form: FormData, errors: FieldErrors): Record<string, string[]> {
  const systems = form.getAll('system').map((value) => String(value).trim());
  const patterns = form.getAll('verbs').map((value) => String(value));
  const verbs: Record<string, string[]> = {};
  const problems: string[] = [];
  systems.forEach((system, index) => {
    const list = (patterns[index] ?? '').split(/[\s,]+/).filter(Boolean);
    if (!system && list.length === 0) return;
    if (!system) problems.push(`Name the system for ${list.join(', ')}.`);
    else if (Object.hasOwn(verbs, system)) problems.push(`${system} is listed twice: keep one row for it.`);
    else if (list.length === 0) problems.push(`List the verbs that change state in ${system}, or remove its row.`);
    else if (list.includes('*'))
      problems.push(`A bare * matches no verb in ${system}: write patterns such as *.write or *.delete.`);
    else verbs[system] = list;
  });
  if (problems.length > 0) errors.stateChangingVerbs = problems;
  return verbs;
}

/** The use case's input from the form, or a 422 naming the form's fields. */
export function policyInputFromForm(form: FormData) {
  const errors: FieldErrors = {};
  const input = {
    readOnlyTtlCapSeconds: durationSeconds(form, 'readOnlyTtlCap', errors),
    stateChangingTtlCapSeconds: durationSeconds(form, 'stateChangingTtlCap', errors),
    riskThreshold: text(form, 'riskThreshold') === '' ? undefined : Number(text(form, 'riskThreshold')),
    stateChangingVerbs: verbsBySystem(form, errors),
  };
  if (Object.keys(errors).length > 0) throw invalidInput(errors);
  return input;
}

const FORM_FIELD_OF: Record<string, string> = {
  readOnlyTtlCapSeconds: 'readOnlyTtlCap',
  stateChangingTtlCapSeconds: 'stateChangingTtlCap',
};

/** The use case's field errors under the names of the form's fields. */
export function formFieldErrors(fieldErrors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([key, messages]) => [FORM_FIELD_OF[key] ?? key, messages]),
  );
}
