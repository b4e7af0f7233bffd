import { describe, expect, it } from 'vitest';
import type { HumanActor } from '../../lib/auth/actor';
import { credentialScope, nhiScope, reachOf } from '../../lib/auth/ownership';
import { ROLES } from '../../lib/auth/permissions';

function person(role: HumanActor['role']): HumanActor {
  return { kind: 'human', humanId: `h-${role}`, email: `${role}@acme.example`, name: role, role };
}

describe('ownership derived from the permission matrix', () => {
  it('gives the security team every NHI and a sponsor only their own', () => {
    expect(nhiScope(person('SECURITY'), 'editNhis')).toEqual({});
    expect(nhiScope(person('ADMIN'), 'editNhis')).toEqual({});
    expect(nhiScope(person('SPONSOR'), 'editNhis')).toEqual({ sponsorId: 'h-SPONSOR' });
    expect(nhiScope(person('SPONSOR'), 'readNhis')).toEqual({ sponsorId: 'h-SPONSOR' });
  });

  it('lets an auditor read everything and change nothing', () => {
    expect(nhiScope(person('AUDITOR'), 'readNhis')).toEqual({});
    expect(() => nhiScope(person('AUDITOR'), 'editNhis')).toThrow(/not allowed/);
    expect(() => credentialScope(person('AUDITOR'), 'revokeCredentials')).toThrow(/not allowed/);
  });

  it('limits a sponsor revoking credentials to those held by or belonging to their NHIs', () => {
    expect(credentialScope(person('SPONSOR'), 'revokeCredentials')).toEqual({
      OR: [{ holderNhi: { sponsorId: 'h-SPONSOR' } }, { subjectNhi: { sponsorId: 'h-SPONSOR' } }],
    });
    expect(credentialScope(person('SECURITY'), 'revokeCredentials')).toEqual({});
  });

  it('answers for every role and rule without an unexpected refusal', () => {
    for (const role of ROLES) expect(['all', 'sponsored']).toContain(reachOf(person(role), 'readNhis'));
  });
});
