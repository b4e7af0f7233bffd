'use client';

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import type { ImportKind } from '@/lib/inventory/csv-import';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { FormatGuide, type ImportFormat } from './format-guide';
import { KindPicker } from './kind-picker';
import { count, mebibytes } from './numbers';
import { PreviewPanel } from './preview-panel';
import { ResultPanel } from './result-panel';
import type { ImportAction, ImportState } from './types';

type Intent = 'preview' | 'apply';

/** A request the server never got to read (too large for it, or the network) still ends in a clear message. */
async function importCsv(importAction: ImportAction, previous: ImportState, form: FormData): Promise<ImportState> {
  try {
    return await importAction(previous, form);
  } catch {
    return {
      ok: false,
      message:
        'The upload did not reach Steward: the file may be too large, or the connection dropped. Nothing was imported.',
    };
  }
}

const fileInputClasses =
  'block w-full rounded-md text-sm text-slate-700 ring-1 ring-slate-300 ring-inset file:mr-3 file:cursor-pointer file:border-0 file:border-r file:border-slate-300 file:bg-slate-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-100 aria-invalid:ring-red-400';

/**
 * Upload → preview → import. The preview stays on screen only while the chosen file and kind are the ones it
 * describes; importing sends the same file again, and the server checks it from scratch.
 */
export function ImportForm({
  formats,
  maxBytes,
  maxRows,
  importAction,
}: {
  formats: ImportFormat[];
  maxBytes: number;
  maxRows: number;
  importAction: ImportAction;
}) {
  const [state, dispatch, pending] = useActionState(
    (previous: ImportState, form: FormData) => importCsv(importAction, previous, form),
    null,
  );
  const [kind, setKind] = useState<ImportKind>(formats[0].kind);
  const [intent, setIntent] = useState<Intent>('preview');
  const [selection, setSelection] = useState(0);
  const [previewedSelection, setPreviewedSelection] = useState<number | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const current = previewedSelection === selection;
  const preview = current ? state?.preview : undefined;
  const result = current ? state?.result : undefined;
  const fileErrors = state?.ok ? undefined : state?.fieldErrors?.file;
  const format = formats.find((candidate) => candidate.kind === kind) ?? formats[0];

  useEffect(() => {
    if (state?.result) {
      toast.success(state.message);
      formRef.current?.reset();
    } else if (state && !state.ok && !state.preview && !state.fieldErrors) {
      toast.error(state.message);
    }
  }, [state]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    const file = form.get('file');
    if (file instanceof File && file.size > maxBytes) {
      toast.error(`The file is larger than ${mebibytes(maxBytes)}: split it into smaller files.`);
      return;
    }
    const chosen: Intent = form.get('intent') === 'apply' ? 'apply' : 'preview';
    setIntent(chosen);
    setPreviewedSelection(selection);
    startTransition(() => dispatch(form));
  }

  return (
    <div className="grid gap-6 lg:grid-cols-5">
      <div className="min-w-0 space-y-6 lg:col-span-3">
        {result ? <ResultPanel result={result} /> : null}
        <Card>
          <CardHeader
            title="Upload a file"
            description="Nothing is written until you import the previewed file. A file is imported whole or not at all."
          />
          <form
            ref={formRef}
            onSubmit={submit}
            onChange={() => setSelection((current) => current + 1)}
            className="space-y-5 p-5"
          >
            <KindPicker formats={formats} value={kind} onChange={setKind} />
            <Field
              label="CSV file"
              htmlFor="import-file"
              errors={fileErrors}
              hint={`UTF-8, comma-separated, with a header row. Up to ${mebibytes(maxBytes)} and ${count(maxRows)} rows.`}
            >
              <input
                id="import-file"
                name="file"
                type="file"
                accept=".csv,text/csv"
                required
                aria-invalid={fileErrors ? true : undefined}
                aria-describedby={fileErrors ? 'import-file-error' : undefined}
                className={fileInputClasses}
              />
            </Field>
            <div className="flex justify-end">
              <Button
                type="submit"
                name="intent"
                value="preview"
                variant={preview ? 'secondary' : 'primary'}
                disabled={pending}
              >
                {pending && intent === 'preview' ? 'Checking…' : preview ? 'Preview again' : 'Preview'}
              </Button>
            </div>
            {preview ? (
              <PreviewPanel preview={preview} pending={pending} importing={pending && intent === 'apply'} />
            ) : null}
          </form>
        </Card>
      </div>
      <div className="min-w-0 lg:col-span-2">
        <FormatGuide format={format} />
      </div>
    </div>
  );
}
