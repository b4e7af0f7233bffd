'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/adapters/action';
import { offboardPerson, type OffboardingReceipt } from '@/lib/people/offboarding';

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function receiptMessage(receipt: OffboardingReceipt): string {
  const revoked = `${count(receipt.revokedCredentials, 'credential')} revoked${receipt.borrowedCredentials ? ` (${receipt.borrowedCredentials} borrowed)` : ''}`;
  const nhis = receipt.successor
    ? `${count(receipt.reassignedNhis, 'identity', 'identities')} passed to ${receipt.successor.name}`
    : `${count(receipt.unsponsoredNhis, 'identity', 'identities')} left without a sponsor`;
  const access = receipt.endedDashboardAccess ? ', and their dashboard access ended' : '';
  return `${receipt.name} is offboarded: ${revoked}, ${nhis}${access}.`;
}

export async function offboardPersonAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    async (actor) => receiptMessage(await offboardPerson(actor, Object.fromEntries(form))),
    { reason: String(form.get('reason') ?? '') },
  );
  // Sponsors, orphaned flags and credential states change across the whole inventory.
  if (state?.ok) revalidatePath('/inventory', 'layout');
  return state;
}
