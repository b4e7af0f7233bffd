'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/adapters/action';
import { refreshBorrowedCasesSoon } from '@/lib/borrowed/refresh';
import { createSuppression, liftSuppression } from '@/lib/borrowed/suppressions';

const FIELDS = ['reason', 'expiresAt', 'credential', 'human', 'agent', 'source'] as const;

function casesTurnedOff(cases: number): string {
  return cases === 1 ? '1 case no longer counts as a flag' : `${cases} cases no longer count as flags`;
}

export async function createSuppressionAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const values = Object.fromEntries(FIELDS.map((field) => [field, String(form.get(field) ?? '')]));
  const state = await runAction(async (actor) => {
    const { cases } = await createSuppression(actor, values);
    return `Suppression saved: ${casesTurnedOff(cases)}.`;
  }, values);
  if (state?.ok) revalidatePath('/borrowed', 'layout');
  return state;
}

export async function liftSuppressionAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async (actor) => {
    const { cases } = await liftSuppression(actor, { id: String(form.get('id') ?? '') });
    // Cases that count again mark the events they cover, for the audit trail and its charts, once detection reruns.
    if (cases > 0) refreshBorrowedCasesSoon();
    return cases === 0
      ? 'Suppression lifted.'
      : `Suppression lifted: ${cases === 1 ? '1 case counts' : `${cases} cases count`} again.`;
  });
  if (state?.ok) revalidatePath('/borrowed', 'layout');
  return state;
}
