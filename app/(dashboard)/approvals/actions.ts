'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/adapters/action';
import { suspendNhi } from '@/lib/identities/manage';
import { approveScope, denyScope } from '@/lib/scopes/approvals';
import { revokeNhiGrants, revokeScope } from '@/lib/scopes/revoke';

function text(form: FormData, name: string): string {
  return String(form.get(name) ?? '');
}

/** The dialogs keep what was typed themselves, so nothing is echoed back. */
async function changeGrants(work: Parameters<typeof runAction>[0]): Promise<ActionState> {
  const state = await runAction(work);
  if (state?.ok) revalidatePath('/approvals', 'layout');
  return state;
}

export async function approveScopeAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return changeGrants(async (actor) => {
    const { status } = await approveScope(actor, {
      scopeId: text(form, 'scopeId'),
      ttlSeconds: text(form, 'ttlSeconds'),
      resources: text(form, 'resources'),
      maxUses: text(form, 'maxUses'),
    });
    return status === 'APPROVED'
      ? 'Approved: the agent may fetch its task token now.'
      : 'Approved on your part: Security approves it too before the agent gets a token.';
  });
}

export async function denyScopeAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return changeGrants(async (actor) => {
    await denyScope(actor, { scopeId: text(form, 'scopeId'), reason: text(form, 'reason') });
    return 'Denied: the agent is told so the next time it asks.';
  });
}

export async function revokeScopeAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return changeGrants(async (actor) => {
    await revokeScope(actor, { scopeId: text(form, 'scopeId'), reason: text(form, 'reason') });
    return 'Revoked: its task token is refused from the next decision on.';
  });
}

export async function revokeNhiGrantsAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return changeGrants(async (actor) => {
    const { revoked } = await revokeNhiGrants(actor, { nhiId: text(form, 'nhiId'), reason: text(form, 'reason') });
    return `${revoked} ${revoked === 1 ? 'grant' : 'grants'} revoked: every task token of the agent is refused from the next decision on.`;
  });
}

export async function suspendNhiAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await changeGrants(async (actor) => {
    const nhi = await suspendNhi(actor, { nhiId: text(form, 'nhiId'), reason: text(form, 'reason') });
    return `${nhi.name} is suspended: every runtime decision for it is now a deny.`;
  });
  if (state?.ok) revalidatePath('/inventory', 'layout');
  return state;
}
