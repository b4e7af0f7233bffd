import Link from 'next/link';
import type { PrincipalType } from '@/lib/db/generated/sqlite/enums';
import { PRINCIPAL_TYPE_LABELS } from './labels';

/** One side of an audit event (initiator or executor): its label as recorded, and what kind of principal it is. */
export function Principal({ type, id, label }: { type: PrincipalType; id: string | null; label: string | null }) {
  const text = label ?? id ?? 'Unknown';
  return (
    <div className="min-w-0">
      {type === 'NHI' && id ? (
        <Link
          href={`/inventory/identities/${id}`}
          className="block max-w-56 truncate text-slate-800 hover:text-brand-700 hover:underline"
          title={text}
        >
          {text}
        </Link>
      ) : (
        <p className="max-w-56 truncate text-slate-800" title={text}>
          {text}
        </p>
      )}
      <p className="text-xs text-slate-500">{PRINCIPAL_TYPE_LABELS[type]}</p>
    </div>
  );
}
