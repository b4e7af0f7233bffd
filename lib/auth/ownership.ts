import type { Prisma } from '../db/generated/sqlite/client';
import { can, type HumanActor } from './actor';
import type { Permission } from './permissions';
import { forbidden } from '../errors';

/**
 * The one place that says which NHIs and credentials a person may read or change. Whether they reach all of
 * them or only those they sponsor comes from the permission matrix: a permission for "all" and one for "the
 * ones I sponsor". Queries and updates put the returned condition in their `where`, so nothing outside a
 * person's reach is ever read or written, whatever id they send.
 */

export type Reach = 'all' | 'sponsored';

type ReachRule = { all: Permission; sponsored: Permission };

const RULES = {
  readNhis: { all: 'inventory.read_all', sponsored: 'inventory.read' },
  editNhis: { all: 'inventory.manage', sponsored: 'inventory.edit_sponsored' },
  revokeCredentials: { all: 'credential.revoke_any', sponsored: 'credential.revoke' },
  decideScopes: { all: 'scope.approve_high_risk', sponsored: 'scope.approve' },
} as const satisfies Record<string, ReachRule>;

export type OwnershipRule = keyof typeof RULES;

/** How far a person reaches under a rule; refused when they have neither permission. */
export function reachOf(actor: HumanActor, rule: OwnershipRule): Reach {
  const { all, sponsored } = RULES[rule];
  if (can(actor, all)) return 'all';
  if (can(actor, sponsored)) return 'sponsored';
  throw forbidden();
}

/** The NHIs a person may read (`readNhis`) or change (`editNhis`). */
export function nhiScope(actor: HumanActor, rule: 'readNhis' | 'editNhis'): Prisma.NhiWhereInput {
  return reachOf(actor, rule) === 'all' ? {} : { sponsorId: actor.humanId };
}

/** The credentials held by, or authenticating as, an NHI within the person's reach. */
export function credentialScope(
  actor: HumanActor,
  rule: 'readNhis' | 'revokeCredentials',
): Prisma.CredentialWhereInput {
  if (reachOf(actor, rule) === 'all') return {};
  const sponsored = { sponsorId: actor.humanId };
  return { OR: [{ holderNhi: sponsored }, { subjectNhi: sponsored }] };
}

/** True when the person reaches only the NHIs they sponsor. */
export function reachesOnlySponsored(actor: HumanActor, rule: OwnershipRule): boolean {
  return reachOf(actor, rule) === 'sponsored';
}

/** The task scopes of NHIs within the person's reach: to decide on (`decideScopes`) or revoke (`revokeCredentials`). */
export function scopeReach(
  actor: HumanActor,
  rule: 'decideScopes' | 'revokeCredentials' | 'readNhis',
): Prisma.ScopeRequestWhereInput {
  return reachOf(actor, rule) === 'all' ? {} : { nhi: { sponsorId: actor.humanId } };
}
