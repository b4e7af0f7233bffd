'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/adapters/action';
import { AppError, type FieldErrors } from '@/lib/errors';
import { updateScopePolicy } from '@/lib/scopes/policy';
import { formFieldErrors, policyInputFromForm } from './form';

export async function updateScopePolicyAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async (actor) => {
    try {
      await updateScopePolicy(actor, policyInputFromForm(form));
    } catch (error) {
      const details =
        error instanceof AppError ? (error.details as { fieldErrors?: FieldErrors } | undefined) : undefined;
      if (!(error instanceof AppError) || !details?.fieldErrors) throw error;
      throw new AppError(error.code, error.message, error.status, {
        fieldErrors: formFieldErrors(details.fieldErrors),
      });
    }
    return 'The scope policy is saved. Approvals from now on follow it; scopes already approved keep their expiry.';
  });
  if (state?.ok) revalidatePath('/settings/policy');
  return state;
}
