import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, KEY_PERMISSIONS, ROLES, keyHas, roleHas, type Permission } from '../../lib/auth/permissions';
import { can } from '../../lib/auth/actor';

const A = 'ADMIN';
const S = 'SECURITY';
const P = 'SPONSOR';
const U = 'AUDITOR';

/** The matrix as the product defines it, written out again so that any change to it is deliberate. */
const EXPECTED: Record<Permission, string[]> = {
  'overview.read': [A, S, P, U],
  'inventory.read': [A, S, P, U],
  'inventory.read_all': [A, S, U],
  'inventory.manage': [A, S],
  'inventory.edit_sponsored': [A, S, P],
  'inventory.lift_suspension': [A, S],
  'borrowed.read': [A, S, U],
  'borrowed.read_sponsored': [A, S, P],
  'borrowed.remediate': [A, S],
  'events.import': [A, S],
  'scope.read': [A, S, P, U],
  'scope.approve': [A, S, P],
  'scope.approve_high_risk': [A, S],
  'credential.revoke': [A, S, P],
  'credential.revoke_any': [A, S],
  'revocation.bulk': [A, S],
  'people.read': [A, S, U],
  'people.offboard': [A, S],
  'people.manage_access': [A],
  'apikey.manage': [A, S],
  'audit.read': [A, S, U],
  'audit.verify': [A, S, U],
  'evidence.export': [A, S, U],
  'review.manage': [A, S],
  'review.certify': [A, S, P],
  'settings.manage': [A],
};

describe('the permission matrix', () => {
  it('lists exactly the permissions the product defines', () => {
    expect([...ALL_PERMISSIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const permission of Object.keys(EXPECTED) as Permission[]) {
    for (const role of ROLES) {
      const allowed = EXPECTED[permission].includes(role);
      it(`${allowed ? 'grants' : 'refuses'} ${permission} to ${role}`, () => {
        expect(roleHas(role, permission)).toBe(allowed);
      });
    }
  }

  it('gives ADMIN everything and AUDITOR nothing that changes state', () => {
    for (const permission of ALL_PERMISSIONS) expect(roleHas('ADMIN', permission)).toBe(true);
    const auditorMay = ALL_PERMISSIONS.filter((permission) => roleHas('AUDITOR', permission));
    expect(auditorMay.every((permission) => /\.(read|read_all|verify|export)$/.test(permission))).toBe(true);
  });

  it('lets each kind of API key do only its one kind of thing', () => {
    expect(KEY_PERMISSIONS).toEqual({
      AGENT: ['scope.request', 'scope.fetch_token'],
      INGEST: ['events.ingest'],
      ADMIN: ['identities.upsert'],
      AUDIT: ['audit.read', 'audit.verify', 'evidence.export', 'borrowed.read'],
      GATEWAY: ['decision.evaluate'],
    });
    const auditKeyReads = ['audit.read', 'audit.verify', 'evidence.export', 'borrowed.read'];
    for (const permission of ALL_PERMISSIONS.filter((p) => !auditKeyReads.includes(p))) {
      for (const kind of ['AGENT', 'INGEST', 'ADMIN', 'AUDIT', 'GATEWAY'] as const)
        expect(keyHas(kind, permission)).toBe(false);
    }
  });

  it('refuses people the permissions only keys have, without failing', () => {
    for (const role of ROLES) {
      const person = { kind: 'human' as const, humanId: 'h', email: 'e@acme.example', name: 'N', role };
      for (const permission of ['identities.upsert', 'events.ingest', 'scope.request', 'scope.fetch_token'] as const)
        expect(can(person, permission)).toBe(false);
    }
  });
});
