import type { ActionState } from '@/lib/adapters/action';

/** The one answer that carries the webhook's new signing secret: the form shows it, then forgets it. */
export type WebhookSaveState = (NonNullable<ActionState> & { secret?: string }) | null;

export type WebhookActions = {
  save: (form: FormData) => Promise<WebhookSaveState>;
  sendTest: (state: ActionState, form: FormData) => Promise<ActionState>;
};
