import { CircleAlert, CircleCheck } from 'lucide-react';
import type { ImportPreview } from '@/lib/inventory/csv-import';
import { Button } from '@/components/ui/button';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { cn } from '@/components/ui/cn';
import { count, counted } from './numbers';

const TONES = { good: 'text-emerald-700', bad: 'text-red-700' } as const;

function Stat({ label, value, tone }: { label: string; value: number; tone?: keyof typeof TONES }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200 ring-inset">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd
        className={cn('mt-0.5 text-lg font-semibold tabular-nums', tone && value > 0 ? TONES[tone] : 'text-slate-900')}
      >
        {count(value)}
      </dd>
    </div>
  );
}

function ErrorTable({ preview }: { preview: ImportPreview }) {
  return (
    <div className="overflow-hidden rounded-md ring-1 ring-slate-200">
      <div className="max-h-96 overflow-y-auto">
        <Table caption="Rows that need attention">
          <thead className="sticky top-0">
            <tr>
              <Th className="w-20">Line</Th>
              <Th className="w-40">Column</Th>
              <Th>Problem</Th>
            </tr>
          </thead>
          <tbody>
            {preview.errors.map((error, at) => (
              <Tr key={at}>
                <Td className="py-2 font-mono text-slate-700 tabular-nums">{error.line}</Td>
                <Td className="py-2 font-mono text-xs text-slate-700">{error.column ?? '—'}</Td>
                <Td className="py-2 text-slate-800">{error.message}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </div>
      {preview.errorCount > preview.errors.length ? (
        <p className="border-t border-slate-200 bg-slate-50 px-4 py-2 text-xs text-slate-500">
          Showing the first {count(preview.errors.length)} of {count(preview.errorCount)} problems.
        </p>
      ) : null}
    </div>
  );
}

/** What importing the previewed file would do, the rows at fault, and the button that imports it. */
export function PreviewPanel({
  preview,
  pending,
  importing,
}: {
  preview: ImportPreview;
  pending: boolean;
  importing: boolean;
}) {
  const ready = preview.errorCount === 0 && preview.rows > 0;
  const identities = preview.kind === 'identities';
  return (
    <section aria-labelledby="import-preview-title" className="space-y-4 border-t border-slate-100 pt-5">
      <input type="hidden" name="digest" value={preview.digest} />
      <h3 id="import-preview-title" className="text-sm font-semibold text-slate-900">
        Preview of <span className="font-mono font-normal">{preview.fileName}</span>
      </h3>
      <dl className={cn('grid grid-cols-2 gap-3', identities ? 'sm:grid-cols-5' : 'sm:grid-cols-3')}>
        <Stat label="Rows" value={preview.rows} />
        <Stat label="New" value={preview.created} tone="good" />
        {identities ? <Stat label="Updated" value={preview.updated} tone="good" /> : null}
        {identities ? <Stat label="Unchanged" value={preview.unchanged} /> : null}
        <Stat label="With errors" value={preview.invalidRows} tone="bad" />
      </dl>
      {preview.errorCount > 0 ? (
        <>
          <p
            role="alert"
            className="flex gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
          >
            <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            Fix these rows in the file and preview it again: nothing is imported while any row is wrong.
          </p>
          <ErrorTable preview={preview} />
        </>
      ) : (
        <p className="flex gap-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
          <CircleCheck className="mt-0.5 size-4 shrink-0" aria-hidden />
          {ready
            ? 'Every row is valid. Importing writes them all in one go, with one audit event.'
            : 'The file has a header but no rows to import.'}
        </p>
      )}
      <div className="flex justify-end">
        <Button type="submit" name="intent" value="apply" disabled={!ready || pending}>
          {importing ? 'Importing…' : `Import ${counted(preview.rows, 'row', 'rows')}`}
        </Button>
      </div>
    </section>
  );
}
