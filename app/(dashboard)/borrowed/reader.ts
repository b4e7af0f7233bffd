import 'server-only';
import { forbidden } from 'next/navigation';
import { can, type HumanActor } from '@/lib/auth/actor';
import { requireActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';

/** Security and auditors read every case; a sponsor reads those of the identities they sponsor. Anyone else: 403. */
export async function requireCaseReader(): Promise<HumanActor> {
  const actor = await requireActor();
  if (!can(actor, 'borrowed.read') && !can(actor, 'borrowed.read_sponsored')) forbidden();
  return actor;
}

export type Listing<T> = { ok: true; value: T } | { ok: false; fields: string[] };

/** A list's result, or the names of the address's parameters it refused (any other failure propagates). */
export async function listingOrRefusedParams<T>(listing: Promise<T>): Promise<Listing<T>> {
  try {
    return { ok: true, value: await listing };
  } catch (error) {
    if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 422)) throw error;
    const details = error.details as { fieldErrors?: Record<string, string[]> } | undefined;
    return { ok: false, fields: Object.keys(details?.fieldErrors ?? {}).filter((field) => !field.startsWith('_')) };
  }
}
