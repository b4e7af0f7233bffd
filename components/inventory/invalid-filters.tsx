import Link from 'next/link';
import { FilterX } from 'lucide-react';
import { AppError } from '@/lib/errors';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export type Listing<T> = { ok: true; value: T } | { ok: false; fields: string[] };

/** A list use case's result, or the names of the URL parameters it refused (any other failure propagates). */
export async function listingOrInvalid<T>(listing: Promise<T>): Promise<Listing<T>> {
  try {
    return { ok: true, value: await listing };
  } catch (error) {
    if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 422)) throw error;
    const details = error.details as { fieldErrors?: Record<string, string[]> } | undefined;
    return { ok: false, fields: Object.keys(details?.fieldErrors ?? {}).filter((field) => !field.startsWith('_')) };
  }
}

/** What a list shows instead of a 500 when its address holds filters it does not understand. */
export function InvalidFilters({ fields, clearHref }: { fields: string[]; clearHref: string }) {
  return (
    <EmptyState
      icon={FilterX}
      title="This address has filters Steward does not understand"
      action={
        <Link href={clearHref} className={buttonClasses('secondary')}>
          Clear the filters
        </Link>
      }
    >
      {fields.length > 0 ? `Check ${fields.join(', ')} in the address, or start again from the full list.` : null}
    </EmptyState>
  );
}
