'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/adapters/action';
import { acceptFinding, reopenFinding } from '@/lib/findings/status';

export async function acceptFindingAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async (actor) => {
    const finding = await acceptFinding(actor, Object.fromEntries(form));
    return `Accepted until ${finding.acceptedUntil?.toISOString().slice(0, 10)}.`;
  });
  if (state?.ok) revalidatePath('/inventory', 'layout');
  return state;
}

export async function reopenFindingAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async (actor) => {
    await reopenFinding(actor, Object.fromEntries(form));
    return 'The finding is open again.';
  });
  if (state?.ok) revalidatePath('/inventory', 'layout');
  return state;
}
