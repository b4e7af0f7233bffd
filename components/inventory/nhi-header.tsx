import type { ReactNode } from 'react';
import Link from 'next/link';
import { ChevronLeft } from 'lucide-react';

/**
 * The detail page's title: the NHI's name in full (wrapped however long) with a way back to the list. `actions` is where the
 * buttons that change the NHI go.
 */
export function NhiHeader({ name, subtitle, actions }: { name: string; subtitle: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6">
      <Link href="/inventory" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ChevronLeft className="size-4" aria-hidden />
        Inventory
      </Link>
      <div className="mt-2 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 flex-1">
          <h1 className="text-xl font-semibold tracking-tight wrap-anywhere text-slate-900">{name}</h1>
          <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-500">{subtitle}</div>
        </div>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
    </div>
  );
}
