'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { runAction, type ActionState } from '@/lib/adapters/action';
import {
  assignSponsor,
  createNhi,
  decommissionNhi,
  reactivateNhi,
  setNhiOwners,
  suspendNhi,
  updateNhi,
} from '@/lib/identities/manage';
import { suggestPeople, suggestionsForCurrentPerson, type Suggestion } from '@/lib/inventory/pickers';

const TEXT_FIELDS = ['name', 'kind', 'system', 'externalId', 'environment', 'description', 'sponsorId'] as const;

function echoOf(form: FormData): Record<string, string> {
  return Object.fromEntries(TEXT_FIELDS.map((field) => [field, String(form.get(field) ?? '')]));
}

export async function createNhiAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  let createdId = '';
  const state = await runAction(async (actor) => {
    const nhi = await createNhi(actor, Object.fromEntries(form));
    createdId = nhi.id;
    return `${nhi.name} was added to the inventory.`;
  }, echoOf(form));
  if (!state?.ok) return state;
  revalidatePath('/inventory');
  redirect(`/inventory/identities/${createdId}?created=1`);
}

export async function updateNhiAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const id = String(form.get('id') ?? '');
  const state = await runAction(async (actor) => {
    const nhi = await updateNhi(actor, Object.fromEntries(form));
    return `${nhi.name} was saved.`;
  }, echoOf(form));
  if (!state?.ok) return state;
  revalidatePath('/inventory');
  redirect(`/inventory/identities/${id}?saved=1`);
}

async function lifecycle(form: FormData, change: typeof suspendNhi, done: string): Promise<ActionState> {
  const state = await runAction(async (actor) => {
    const nhi = await change(actor, Object.fromEntries(form));
    return `${nhi.name} ${done}.`;
  });
  if (state?.ok) revalidatePath('/inventory', 'layout');
  return state;
}

export async function suspendNhiAction(_previous: ActionState, form: FormData) {
  return lifecycle(form, suspendNhi, 'is suspended: every runtime decision for it is now a deny');
}

export async function reactivateNhiAction(_previous: ActionState, form: FormData) {
  return lifecycle(form, reactivateNhi, 'is active again');
}

export async function decommissionNhiAction(_previous: ActionState, form: FormData) {
  return lifecycle(form, decommissionNhi, 'is decommissioned: its credentials and API keys are revoked');
}

export async function assignSponsorAction(_previous: ActionState, form: FormData) {
  return lifecycle(form, assignSponsor, 'has a new sponsor');
}

/** Saves the co-owners as listed in the form (one `ownerIds` field per person; none clears them). */
export async function setNhiOwnersAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const nhiId = String(form.get('nhiId') ?? '');
  const state = await runAction(async (actor) => {
    const { added, removed } = await setNhiOwners(actor, {
      nhiId,
      ownerIds: form.getAll('ownerIds').map(String),
    });
    if (added.length + removed.length === 0) return 'The co-owners were already these.';
    return `Co-owners saved: ${added.length} added, ${removed.length} removed.`;
  });
  if (state?.ok) revalidatePath(`/inventory/identities/${nhiId}`, 'layout');
  return state;
}

export async function searchPeopleAction(query: string): Promise<Suggestion[]> {
  return suggestionsForCurrentPerson(suggestPeople, query);
}
