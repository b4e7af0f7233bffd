'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/adapters/action';
import { addPerson, changeRole, disableAccess, enableAccess } from '@/lib/people/access';

const PAGE = '/settings/people';

async function finish(state: ActionState): Promise<ActionState> {
  if (state?.ok) revalidatePath(PAGE);
  return state;
}

export async function addPersonAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const echo = {
    name: String(form.get('name') ?? ''),
    email: String(form.get('email') ?? ''),
    role: String(form.get('role') ?? ''),
  };
  return finish(
    await runAction(async (actor) => {
      const person = await addPerson(actor, Object.fromEntries(form));
      return `${person.name} can now sign in as ${person.role}.`;
    }, echo),
  );
}

export async function changeRoleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return finish(
    await runAction(async (actor) => {
      const person = await changeRole(actor, Object.fromEntries(form));
      return `${person.name} is now ${person.role}. It applies on their next request.`;
    }),
  );
}

export async function setAccessAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return finish(
    await runAction(async (actor) => {
      const input = Object.fromEntries(form);
      if (input.enable === 'true') {
        const person = await enableAccess(actor, input);
        return `${person.name} can sign in again.`;
      }
      const person = await disableAccess(actor, input);
      return `${person.name} can no longer sign in. It applies on their next request.`;
    }),
  );
}
