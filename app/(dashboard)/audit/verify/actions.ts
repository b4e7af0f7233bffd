'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/adapters/action';
import { checkpointNow } from '@/lib/audit/checkpoint';

export async function checkpointAction(): Promise<ActionState> {
  const state = await runAction(async (actor) => {
    const checkpoint = await checkpointNow(actor);
    return `Signed a checkpoint at seq ${checkpoint.seq}.`;
  });
  if (state?.ok) revalidatePath('/audit/verify');
  return state;
}
