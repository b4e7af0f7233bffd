import type { ActionState } from '@/lib/adapters/action';
import type { ImportPreview, ImportResult } from '@/lib/inventory/csv-import';

export type ImportState = (NonNullable<ActionState> & { preview?: ImportPreview; result?: ImportResult }) | null;

/** The import page's server action: previews or applies the uploaded file, as the form's intent says. */
export type ImportAction = (previous: ImportState, form: FormData) => Promise<ImportState>;
