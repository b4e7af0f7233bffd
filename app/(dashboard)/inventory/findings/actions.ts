'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/adapters/action';
import { acceptFindings } from '@/lib/findings/bulk';

export async function acceptFindingsAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const reason = String(form.get('reason') ?? '');
  const days = String(form.get('days') ?? '');
  const state = await runAction(
    async (actor) => {
      const { accepted, acceptedUntil } = await acceptFindings(actor, {
        findingIds: form.getAll('findingId').map(String),
        reason,
        days,
      });
      const until = acceptedUntil.toISOString().slice(0, 10);
      return `${accepted} ${accepted === 1 ? 'finding' : 'findings'} accepted until ${until}.`;
    },
    { reason, days },
  );
  if (state?.ok) revalidatePath('/inventory', 'layout');
  return state;
}
