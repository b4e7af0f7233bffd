'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/adapters/action';
import { createApiKey, revokeApiKey } from '@/lib/api-keys/manage';
import { findNhisForKeys } from '@/lib/api-keys/list';
import { getCurrentActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import type { PickerOption } from '@/components/pickers/combobox';
import type { CreateApiKeyState, CreatedKey } from '@/components/api-keys/types';

const PAGE = '/settings/api-keys';

export async function createApiKeyAction(form: FormData): Promise<CreateApiKeyState> {
  const echo = {
    name: String(form.get('name') ?? ''),
    kind: String(form.get('kind') ?? ''),
    nhiId: String(form.get('nhiId') ?? ''),
    nhiIdLabel: String(form.get('nhiIdLabel') ?? ''),
    expiresInDays: String(form.get('expiresInDays') ?? ''),
  };
  let created: CreatedKey | undefined;
  const state = await runAction(async (actor) => {
    const { key, secret } = await createApiKey(actor, Object.fromEntries(form));
    created = { name: key.name, kind: key.kind, prefix: key.prefix, secret };
    return `${key.name} was created. Copy its secret now.`;
  }, echo);
  if (!state?.ok || !created) return state;
  revalidatePath(PAGE);
  return { ...state, created };
}

export async function revokeApiKeyAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async (actor) => {
    const key = await revokeApiKey(actor, Object.fromEntries(form));
    return `${key.name} (${key.prefix}…) is revoked: it authenticates nothing from now on.`;
  });
  if (state?.ok) revalidatePath(PAGE);
  return state;
}

/** Suggestions for the agent key's NHI; a refusal reads as no suggestions, the create action checks again. */
export async function searchNhisAction(query: string): Promise<PickerOption[]> {
  const actor = await getCurrentActor();
  if (!actor) return [];
  try {
    const nhis = await findNhisForKeys(actor, { q: query });
    return nhis.map((nhi) => ({
      id: nhi.id,
      label: nhi.name,
      detail: `${nhi.system} · ${nhi.environment} · ${nhi.id}`,
    }));
  } catch (error) {
    if (error instanceof AppError) return [];
    throw error;
  }
}
