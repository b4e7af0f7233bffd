import { Download } from 'lucide-react';
import type { ImportColumn, ImportKind } from '@/lib/inventory/csv-import';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';

export type ImportFormat = {
  kind: ImportKind;
  label: string;
  description: string;
  columns: ImportColumn[];
  example: string;
};

function exampleHref(example: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`${example}\r\n`)}`;
}

/** The columns of one kind of file and an example to start from. */
export function FormatGuide({ format }: { format: ImportFormat }) {
  return (
    <Card className="self-start">
      <CardHeader
        title={`${format.label} file format`}
        description="A header row, then one row per item. Columns may come in any order; optional ones may be left out."
      />
      <dl className="divide-y divide-slate-100 px-5">
        {format.columns.map((column) => (
          <div key={column.name} className="py-2.5">
            <dt className="flex items-center gap-2">
              <code className="font-mono text-sm text-slate-900">{column.name}</code>
              {column.required ? <Badge tone="brand">required</Badge> : null}
            </dt>
            <dd className="mt-0.5 text-xs text-slate-500">{column.help}</dd>
          </div>
        ))}
      </dl>
      <div className="border-t border-slate-100 p-5">
        <div className="flex items-center justify-between gap-3">
          <h3 className="text-sm font-semibold text-slate-900">Example</h3>
          <a
            href={exampleHref(format.example)}
            download={`steward-${format.kind}-example.csv`}
            className={buttonClasses('secondary', 'sm')}
          >
            <Download className="size-3.5" aria-hidden />
            Download example
          </a>
        </div>
        <pre className="mt-3 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">
          {format.example}
        </pre>
      </div>
    </Card>
  );
}
