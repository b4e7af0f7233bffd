import 'server-only';
import { forbidden } from 'next/navigation';
import { can, type HumanActor } from '@/lib/auth/actor';
import { requireActor } from '@/lib/auth/session';

/** Security and auditors read every case; a sponsor reads those of the identities they sponsor. Anyone else: 403. */
export async function requireCaseReader(): Promise<HumanActor> {
  const actor = await requireActor();
  if (!can(actor, 'borrowed.read') && !can(actor, 'borrowed.read_sponsored')) forbidden();
  return actor;
}
