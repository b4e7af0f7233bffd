'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionState } from '@/lib/adapters/action';
import {
  assignBorrowedCase,
  reopenBorrowedCase,
  resolveBorrowedCase,
  startBorrowedMigration,
} from '@/lib/borrowed/workflow';
import { suggestPeople, suggestionsForCurrentPerson, type Suggestion } from '@/lib/inventory/pickers';

function text(form: FormData, name: string): string {
  return String(form.get(name) ?? '');
}

async function changeCase(work: Parameters<typeof runAction>[0], echo?: Record<string, string>): Promise<ActionState> {
  const state = await runAction(work, echo);
  if (state?.ok) revalidatePath('/borrowed', 'layout');
  return state;
}

export async function assignCaseAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return changeCase(async (actor) => {
    await assignBorrowedCase(actor, { caseId: text(form, 'caseId'), assigneeId: text(form, 'assigneeId') });
    const name = text(form, 'assigneeIdLabel');
    return name ? `Assigned to ${name}.` : 'Assigned.';
  });
}

export async function startMigrationAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return changeCase(async (actor) => {
    await startBorrowedMigration(actor, { caseId: text(form, 'caseId') });
    return 'Migration started: the case stays open until the person’s credential is revoked or rotated.';
  });
}

/** A time from a `datetime-local` field, which carries no zone: the form says it is UTC. */
function utcInstant(value: string): string | undefined {
  if (value === '') return undefined;
  return /[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`;
}

export async function resolveCaseAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const credentialEndedAt = text(form, 'credentialEndedAt');
  return changeCase(
    async (actor) => {
      await resolveBorrowedCase(actor, {
        caseId: text(form, 'caseId'),
        credentialEndedAt: utcInstant(credentialEndedAt),
      });
      return 'Resolved. Borrowed use seen after the credential ended would open the case again.';
    },
    { credentialEndedAt },
  );
}

export async function reopenCaseAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return changeCase(async (actor) => {
    await reopenBorrowedCase(actor, { caseId: text(form, 'caseId'), reason: text(form, 'reason') });
    return 'The case is open again.';
  });
}

export async function searchPeopleAction(query: string): Promise<Suggestion[]> {
  return suggestionsForCurrentPerson(suggestPeople, query);
}
