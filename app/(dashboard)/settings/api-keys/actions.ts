'use server';

import { revalidatePath } from 'next/cache';
import type { ApiKeyKind } from '@/lib/db/generated/sqlite/enums';
import { runAction, type ActionState } from '@/lib/adapters/action';
import { createApiKey, revokeApiKey } from '@/lib/api-keys/manage';
import { findNhisForKeys } from '@/lib/api-keys/list';
import { getCurrentActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';

const PAGE = '/settings/api-keys';

/** The one answer that carries a key's secret: the dialog shows it, then drops this state when it closes. */
export type CreatedKey = { name: string; kind: ApiKeyKind; prefix: string; secret: string };
export type CreateApiKeyState = (NonNullable<ActionState> & { created?: CreatedKey }) | null;

export async function createApiKeyAction(form: FormData): Promise<CreateApiKeyState> {
  const echo = {
    name: String(form.get('name') ?? ''),
    kind: String(form.get('kind') ?? ''),
    nhiId: String(form.get('nhiId') ?? ''),
    nhiLabel: String(form.get('nhiLabel') ?? ''),
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

export type NhiOption = Awaited<ReturnType<typeof findNhisForKeys>>[number];

/** Suggestions for the agent key's NHI; a refusal reads as no suggestions, the create action checks again. */
export async function searchNhisAction(query: string): Promise<NhiOption[]> {
  const actor = await getCurrentActor();
  if (!actor) return [];
  try {
    return await findNhisForKeys(actor, { q: query });
  } catch (error) {
    if (error instanceof AppError) return [];
    throw error;
  }
}
