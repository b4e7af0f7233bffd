import 'server-only';
import { randomUUID } from 'node:crypto';
import { AppError, concurrentChange, isUniqueViolation, type FieldErrors } from '../errors';
import { getCurrentActor } from '../auth/session';
import type { HumanActor } from '../auth/actor';

/** What a form's server action returns to `useActionState`. Never holds what the user typed as a secret. */
export type ActionState = {
  ok: boolean;
  message: string;
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
  nonce?: string;
} | null;

function fieldErrorsOf(error: AppError): FieldErrors | undefined {
  const details = error.details as { fieldErrors?: FieldErrors } | undefined;
  return details?.fieldErrors;
}

/**
 * Runs a use case for the signed-in person and turns the outcome into form state. The session is checked
 * again here: a server action is a public endpoint, whatever the page that shows its form. `echo` holds the
 * non-secret fields to put back in the form when it is rejected (React resets a form after its action).
 */
export async function runAction(
  work: (actor: HumanActor) => Promise<string>,
  echo?: Record<string, string>,
): Promise<ActionState> {
  const actor = await getCurrentActor();
  if (!actor) return { ok: false, message: 'Your session has ended or your access changed. Sign in again.' };
  try {
    return { ok: true, message: await work(actor) };
  } catch (caught) {
    const error = isUniqueViolation(caught) ? concurrentChange() : caught;
    if (error instanceof AppError)
      return {
        ok: false,
        message: error.message,
        fieldErrors: fieldErrorsOf(error),
        values: echo,
        nonce: randomUUID(),
      };
    console.error('Unexpected error in a server action', error);
    return {
      ok: false,
      message: 'Something went wrong on our side. Nothing was changed; try again.',
      values: echo,
      nonce: randomUUID(),
    };
  }
}
