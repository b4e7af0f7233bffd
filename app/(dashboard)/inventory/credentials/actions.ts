'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { runAction, type ActionState } from '@/lib/adapters/action';
import { createCredential, revokeCredential } from '@/lib/credentials/manage';
import { suggestNhis, suggestionsForCurrentPerson, type Suggestion } from '@/lib/inventory/pickers';

const TEXT_FIELDS = [
  'name',
  'kind',
  'system',
  'fingerprint',
  'environment',
  'subjectType',
  'subjectHumanId',
  'subjectHumanIdLabel',
  'subjectNhiId',
  'subjectNhiIdLabel',
  'holderNhiId',
  'holderNhiIdLabel',
  'issuedAt',
  'expiresAt',
  'lastRotatedAt',
] as const;

export async function createCredentialAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const echo = Object.fromEntries(TEXT_FIELDS.map((field) => [field, String(form.get(field) ?? '')]));
  const input = Object.fromEntries(form);
  const subjectId = input.subjectType === 'HUMAN' ? input.subjectHumanId : input.subjectNhiId;
  const state = await runAction(async (actor) => {
    const credential = await createCredential(actor, { ...input, subjectId });
    return `${credential.name} was added.`;
  }, echo);
  if (!state?.ok) return state;
  revalidatePath('/inventory', 'layout');
  redirect('/inventory/credentials?created=1');
}

export async function revokeCredentialAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    async (actor) => {
      const credential = await revokeCredential(actor, Object.fromEntries(form));
      return `${credential.name} is revoked: every use of it is refused from now on.`;
    },
    { reason: String(form.get('reason') ?? '') },
  );
  if (state?.ok) revalidatePath('/inventory', 'layout');
  return state;
}

/** Suggestions for the credential form's identity pickers (its subject and its holder). */
export async function searchNhisAction(query: string): Promise<Suggestion[]> {
  return suggestionsForCurrentPerson(suggestNhis, query);
}
