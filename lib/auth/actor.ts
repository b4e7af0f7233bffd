import type { ApiKeyKind, DashboardRole } from '../db/generated/sqlite/enums';
import { keyHas, roleHas, type KeyPermission, type Permission } from './permissions';
import { forbidden } from '../errors';

/** A person signed in to the dashboard, as the database says they are right now. */
export type HumanActor = { kind: 'human'; humanId: string; email: string; name: string; role: DashboardRole };

/** A machine calling the API with one of its keys. */
export type KeyActor = { kind: 'key'; keyId: string; keyKind: ApiKeyKind; keyName: string; nhiId: string | null };

export type Actor = HumanActor | KeyActor;

export function can(actor: Actor, permission: Permission | KeyPermission): boolean {
  if (actor.kind === 'key') return keyHas(actor.keyKind, permission);
  return roleHas(actor.role, permission);
}

export function requirePermission(actor: Actor, permission: Permission | KeyPermission): void {
  if (!can(actor, permission)) throw forbidden();
}

export function requireHuman(actor: Actor, permission: Permission): HumanActor {
  if (actor.kind !== 'human') throw forbidden('This needs a person signed in to Steward.');
  requirePermission(actor, permission);
  return actor;
}

/** The audit principal for a person acting in the dashboard: they both ask and act. */
export function humanPrincipal(actor: HumanActor) {
  return { type: 'HUMAN' as const, id: actor.humanId, label: actor.email };
}
