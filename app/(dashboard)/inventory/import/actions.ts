'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/adapters/action';
import { AppError } from '@/lib/errors';
import {
  applyInventoryImport,
  previewInventoryImport,
  type ImportPreview,
  type ImportResult,
} from '@/lib/inventory/csv-import';
import type { ImportState } from '@/components/inventory-import/types';

async function uploadOf(form: FormData): Promise<{ fileName: string; data: Uint8Array }> {
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0)
    throw new AppError('INVALID_INPUT', 'Choose a CSV file to import.', 422, {
      fieldErrors: { file: ['Choose a CSV file to import.'] },
    });
  return { fileName: file.name, data: new Uint8Array(await file.arrayBuffer()) };
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}

function previewMessage(preview: ImportPreview): string {
  if (preview.errorCount > 0)
    return `${plural(preview.invalidRows, 'row')} need attention before anything is imported.`;
  return `${plural(preview.rows, 'row')} ready to import.`;
}

function resultMessage(result: ImportResult): string {
  const updated = result.kind === 'identities' ? `, ${result.updated.toLocaleString('en')} updated` : '';
  return `Imported ${result.fileName}: ${result.created.toLocaleString('en')} created${updated}.`;
}

async function preview(form: FormData): Promise<ImportState> {
  let preview: ImportPreview | undefined;
  const state = await runAction(async (actor) => {
    const { fileName, data } = await uploadOf(form);
    preview = await previewInventoryImport(actor, { kind: form.get('kind'), fileName }, data);
    return previewMessage(preview);
  });
  return state && { ...state, preview };
}

/** A refused file comes back with its fresh preview, so the rows at fault show at once. */
function previewIn(error: unknown): ImportPreview | undefined {
  return error instanceof AppError ? (error.details as { preview?: ImportPreview } | undefined)?.preview : undefined;
}

async function apply(form: FormData): Promise<ImportState> {
  let result: ImportResult | undefined;
  let preview: ImportPreview | undefined;
  const state = await runAction(async (actor) => {
    const { fileName, data } = await uploadOf(form);
    const input = { kind: form.get('kind'), fileName, digest: form.get('digest') };
    try {
      result = await applyInventoryImport(actor, input, data);
    } catch (error) {
      preview = previewIn(error);
      throw error;
    }
    return resultMessage(result);
  });
  if (state?.ok) revalidatePath('/inventory', 'layout');
  return state && { ...state, result, preview };
}

/** Previews the uploaded file, or imports it when the form says `intent=apply`; either way it is read afresh. */
export async function importCsvAction(_previous: ImportState, form: FormData): Promise<ImportState> {
  return form.get('intent') === 'apply' ? apply(form) : preview(form);
}
