'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/adapters/action';
import { moveCaseToScopes, revokeMigratedCredential } from '@/lib/borrowed/move-to-scopes';
import { suggestNhis, suggestionsForCurrentPerson, type Suggestion } from '@/lib/inventory/pickers';
import type { CreatedKey } from '@/components/api-keys/types';
import type { MoveToScopesState } from '@/components/borrowed/move-to-scopes';

const ECHOED = [
  'nhiMode',
  'nhiId',
  'nhiIdLabel',
  'sponsorId',
  'sponsorIdLabel',
  'name',
  'system',
  'externalId',
  'environment',
];

export async function moveToScopesAction(form: FormData): Promise<MoveToScopesState> {
  const echo = Object.fromEntries(ECHOED.map((name) => [name, String(form.get(name) ?? '')]));
  let created: CreatedKey | undefined;
  const state = await runAction(async (actor) => {
    const moved = await moveCaseToScopes(actor, Object.fromEntries(form));
    created = { name: moved.key.name, kind: 'AGENT', prefix: moved.key.prefix, secret: moved.secret };
    return `${moved.nhi.name} has its own agent key: the case is migrating.`;
  }, echo);
  if (!state?.ok || !created) return state;
  revalidatePath('/borrowed', 'layout');
  return { ...state, created };
}

export async function revokeBorrowedCredentialAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async (actor) => {
    const credential = await revokeMigratedCredential(actor, {
      caseId: String(form.get('caseId') ?? ''),
      reason: String(form.get('reason') ?? ''),
    });
    return `${credential.name} is revoked. Resolve the case once no borrowed use follows.`;
  });
  if (state?.ok) revalidatePath('/borrowed', 'layout');
  return state;
}

export async function searchAgentsAction(query: string): Promise<Suggestion[]> {
  return suggestionsForCurrentPerson(suggestNhis, query);
}
