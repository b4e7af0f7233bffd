'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/adapters/action';
import { getCurrentActor } from '@/lib/auth/session';
import { previewBulkRevocation, runBulkRevocation, type BulkRevocationReceipt } from '@/lib/revocation/bulk';
import type { BulkImpact } from '@/lib/revocation/impact';
import { suggestRevocationTargets } from '@/lib/revocation/targets';
import { AppError } from '@/lib/errors';
import type { PickerOption } from '@/components/pickers/combobox';
import type { PreviewResult, RevokeInput, RevokeResult } from '@/components/revocation/types';

export async function previewRevocationAction(target: { kind: string; id: string }): Promise<PreviewResult> {
  let impact: BulkImpact | undefined;
  const state = await runAction(async (actor) => {
    impact = await previewBulkRevocation(actor, target);
    return 'Previewed.';
  });
  if (state?.ok && impact) return { ok: true, impact };
  return { ok: false, message: state?.message ?? 'Nothing was previewed.' };
}

export async function runRevocationAction(input: RevokeInput): Promise<RevokeResult> {
  let receipt: BulkRevocationReceipt | undefined;
  const state = await runAction(async (actor) => {
    receipt = await runBulkRevocation(actor, input);
    return 'Revoked.';
  });
  if (state?.ok && receipt) {
    revalidatePath('/', 'layout');
    return { ok: true, receipt };
  }
  const message = state?.message ?? 'Nothing was revoked.';
  if (state?.fieldErrors) return { ok: false, message, fieldErrors: state.fieldErrors };
  const fresh = await previewRevocationAction(input);
  return { ok: false, message, current: fresh.ok ? fresh.impact : undefined };
}

/** Suggestions for the target picker; a refusal reads as none, the preview checks again. */
export async function searchTargetsAction(kind: string, query: string): Promise<PickerOption[]> {
  const actor = await getCurrentActor();
  if (!actor) return [];
  try {
    return await suggestRevocationTargets(actor, { kind, q: query });
  } catch (error) {
    if (error instanceof AppError) return [];
    throw error;
  }
}
