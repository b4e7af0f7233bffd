'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/adapters/action';
import { sendTestEvent, updateWebhookSettings } from '@/lib/webhooks/settings';
import type { WebhookSaveState } from '@/components/settings/types';

const PAGE = '/settings/webhook';

export async function saveWebhookAction(form: FormData): Promise<WebhookSaveState> {
  let secret: string | undefined;
  const state = await runAction(
    async (actor) => {
      const saved = await updateWebhookSettings(actor, Object.fromEntries(form));
      secret = saved.secret ?? undefined;
      if (!saved.changed) return 'Nothing changed.';
      if (!saved.url) return 'The webhook is removed: no events are sent from now on.';
      return saved.secret ? 'The webhook is saved with a new signing secret. Copy it now.' : 'The webhook is saved.';
    },
    { url: String(form.get('url') ?? '') },
  );
  if (!state?.ok) return state;
  revalidatePath(PAGE);
  return secret ? { ...state, secret } : state;
}

export async function sendTestEventAction(_previous: ActionState, _form: FormData): Promise<ActionState> {
  let delivered = false;
  const state = await runAction(async (actor) => {
    const delivery = await sendTestEvent(actor);
    delivered = delivery.status === 'DELIVERED';
    if (delivered) return `The test event was delivered: the receiver answered ${delivery.lastStatus}.`;
    const retry = delivery.status === 'PENDING' ? ' It will be retried.' : '';
    return `The test event was not delivered: ${delivery.lastError ?? 'no answer.'}${retry}`;
  });
  revalidatePath(PAGE);
  return state?.ok && !delivered ? { ...state, ok: false } : state;
}
