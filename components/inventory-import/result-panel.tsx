import Link from 'next/link';
import { CircleCheck } from 'lucide-react';
import type { ImportResult } from '@/lib/inventory/csv-import';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { count, counted } from './numbers';

function outcome(result: ImportResult): string {
  if (result.kind === 'credentials') return `${counted(result.created, 'credential', 'credentials')} added.`;
  const added = counted(result.created, 'identity', 'identities');
  return `${added} added, ${count(result.updated)} updated, ${count(result.unchanged)} already up to date.`;
}

export function ResultPanel({ result }: { result: ImportResult }) {
  return (
    <Card className="flex flex-wrap items-start gap-4 p-5">
      <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-emerald-50 text-emerald-700">
        <CircleCheck className="size-5" aria-hidden />
      </span>
      <div className="min-w-0 flex-1" role="status">
        <h2 className="text-sm font-semibold text-slate-900">
          Imported <span className="font-mono font-normal">{result.fileName}</span>
        </h2>
        <p className="mt-0.5 text-sm text-slate-600">
          {outcome(result)} Findings were brought up to date and the import was recorded in the audit trail.
        </p>
      </div>
      <Link href="/inventory" className={buttonClasses('secondary')}>
        Open the inventory
      </Link>
    </Card>
  );
}
