import type { ApiKeyKind, DashboardRole } from '../db/generated/sqlite/enums';

/**
 * Who may do what. Use cases enforce it (plus ownership: a sponsor acts only on the NHIs they sponsor);
 * the UI reads the same matrix to hide what a role cannot do. Pure, so it is safe in client components.
 */
export const ROLES = ['ADMIN', 'SECURITY', 'SPONSOR', 'AUDITOR'] as const satisfies readonly DashboardRole[];

const EVERY_ROLE = ROLES;
const SECURITY_TEAM = ['ADMIN', 'SECURITY'] as const;
const READERS = ['ADMIN', 'SECURITY', 'AUDITOR'] as const;
const APPROVERS = ['ADMIN', 'SECURITY', 'SPONSOR'] as const;

export const PERMISSIONS = {
  'overview.read': EVERY_ROLE,
  'inventory.read': EVERY_ROLE,
  'inventory.read_all': READERS,
  'inventory.manage': SECURITY_TEAM,
  'inventory.edit_sponsored': APPROVERS,
  'inventory.lift_suspension': SECURITY_TEAM,
  'borrowed.read': READERS,
  'borrowed.read_sponsored': APPROVERS,
  'borrowed.remediate': SECURITY_TEAM,
  'events.import': SECURITY_TEAM,
  'scope.read': EVERY_ROLE,
  'scope.approve': APPROVERS,
  'scope.approve_high_risk': SECURITY_TEAM,
  'credential.revoke': APPROVERS,
  'credential.revoke_any': SECURITY_TEAM,
  'revocation.bulk': SECURITY_TEAM,
  'people.read': READERS,
  'people.offboard': SECURITY_TEAM,
  'people.manage_access': ['ADMIN'],
  'apikey.manage': SECURITY_TEAM,
  'audit.read': READERS,
  'audit.verify': READERS,
  'evidence.export': READERS,
  'review.manage': SECURITY_TEAM,
  'review.certify': APPROVERS,
  'settings.manage': ['ADMIN'],
} as const satisfies Record<string, readonly DashboardRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function roleHas(role: DashboardRole, permission: Permission | KeyPermission): boolean {
  const roles = (PERMISSIONS as Record<string, readonly DashboardRole[]>)[permission];
  return roles?.includes(role) ?? false;
}

/** Machine API keys carry no role: each kind may do exactly one kind of thing. */
export const KEY_PERMISSIONS = {
  AGENT: ['scope.request', 'scope.fetch_token'],
  INGEST: ['events.ingest'],
  ADMIN: ['identities.upsert'],
  AUDIT: ['audit.read', 'audit.verify', 'evidence.export', 'borrowed.read'],
  GATEWAY: ['decision.evaluate'],
} as const satisfies Record<ApiKeyKind, readonly string[]>;

export type KeyPermission = (typeof KEY_PERMISSIONS)[ApiKeyKind][number];

export function keyHas(kind: ApiKeyKind, permission: KeyPermission | Permission): boolean {
  return (KEY_PERMISSIONS[kind] as readonly string[]).includes(permission);
}
