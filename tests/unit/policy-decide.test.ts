import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, matchesPattern, type TokenFacts } from '../../lib/policy/decide';

const NOW = new Date('2026-11-22T12:00:00Z');
const LATER = new Date('2026-11-22T13:00:00Z');

function token(
  overrides: Partial<TokenFacts> = {},
  scope: Partial<TokenFacts['scope']> = {},
  nhi: Partial<TokenFacts['nhi']> = {},
): TokenFacts {
  return {
    expiresAt: LATER,
    credentialStatus: 'ACTIVE',
    ...overrides,
    scope: {
      status: 'APPROVED',
      expiresAt: LATER,
      actions: ['github:pulls.read'],
      resources: ['github:acme/payments/*'],
      maxUses: null,
      useCount: 0,
      initiatorStatus: 'ACTIVE',
      ...scope,
    },
    nhi: { status: 'ACTIVE', sponsorStatus: 'ACTIVE', ...nhi },
  };
}

const request = { action: 'github:pulls.read', resource: 'github:acme/payments/pulls/7' };

describe('the runtime decision', () => {
  it('allows an action and resource inside an active scope', () => {
    expect(decide(token(), request, NOW)).toEqual({ decision: 'allow', reason: 'ALLOWED' });
  });

  it.each([
    ['TOKEN_UNKNOWN', null],
    ['TOKEN_REVOKED', token({ credentialStatus: 'REVOKED' })],
    ['TOKEN_EXPIRED', token({ expiresAt: NOW })],
    ['IDENTITY_SUSPENDED', token({}, {}, { status: 'SUSPENDED' })],
    ['IDENTITY_SUSPENDED', token({}, {}, { status: 'DECOMMISSIONED' })],
    ['SPONSOR_INACTIVE', token({}, {}, { sponsorStatus: 'OFFBOARDED' })],
    ['SPONSOR_INACTIVE', token({}, {}, { sponsorStatus: null })],
    ['SCOPE_NOT_ACTIVE', token({}, { status: 'COMPLETED' })],
    ['SCOPE_NOT_ACTIVE', token({}, { status: 'PENDING' })],
    ['TOKEN_EXPIRED', token({}, { status: 'EXPIRED' })],
    ['TOKEN_REVOKED', token({}, { status: 'REVOKED' })],
    ['INITIATOR_INACTIVE', token({}, { initiatorStatus: 'OFFBOARDED' })],
    ['SCOPE_EXHAUSTED', token({}, { maxUses: 3, useCount: 3 })],
    ['ACTION_NOT_IN_SCOPE', token({}, { actions: ['github:pulls.comment'] })],
    ['RESOURCE_NOT_IN_SCOPE', token({}, { resources: ['github:acme/billing/*'] })],
  ])('denies with %s', (reason, facts) => {
    expect(decide(facts, request, NOW)).toEqual({ decision: 'deny', reason });
  });

  it('denies everything for a suspended identity, whatever the scope allows', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (action, resource) => {
        const facts = token({}, { actions: [action], resources: [resource] }, { status: 'SUSPENDED' });
        expect(decide(facts, { action, resource }, NOW)).toEqual({ decision: 'deny', reason: 'IDENTITY_SUSPENDED' });
      }),
    );
  });

  it('never allows without an approved, unexpired scope', () => {
    fc.assert(
      fc.property(fc.constantFrom('PENDING', 'DENIED', 'COMPLETED', 'EXPIRED', 'REVOKED' as const), (status) => {
        expect(decide(token({}, { status }), request, NOW).decision).toBe('deny');
      }),
    );
  });

  it('matches resource patterns literally except for *, and never a lone *', () => {
    expect(matchesPattern('github:acme/payments/*', 'github:acme/payments/pulls/7')).toBe(true);
    expect(matchesPattern('github:acme/payments/*', 'github:acme/payments-fork/x')).toBe(false);
    expect(matchesPattern('aws:s3:::acme-invoices/2026/*.pdf', 'aws:s3:::acme-invoices/2026/march.pdf')).toBe(true);
    expect(matchesPattern('github:acme/pay.ments', 'github:acme/payXments')).toBe(false);
    expect(matchesPattern('*', 'anything')).toBe(false);
  });

  it('allows only inside the approved actions, resources and uses', () => {
    const segment = fc.stringMatching(/^[a-z0-9]{1,6}$/);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('github:pulls.read', 'github:pulls.merge', 'aws:s3.GetObject'), { minLength: 1 }),
        fc.array(
          segment.map((part) => `github:acme/${part}/*`),
          { minLength: 1, maxLength: 3 },
        ),
        fc.constantFrom('github:pulls.read', 'github:pulls.merge', 'aws:s3.GetObject', 'github:repos.delete'),
        fc.tuple(segment, segment).map(([repo, item]) => `github:acme/${repo}/${item}`),
        fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
        fc.integer({ min: 0, max: 6 }),
        (actions, resources, action, resource, maxUses, useCount) => {
          const facts = token({}, { actions, resources, maxUses, useCount });
          const outcome = decide(facts, { action, resource }, NOW);
          if (outcome.decision !== 'allow') return;
          expect(actions).toContain(action);
          expect(resources.some((pattern) => matchesPattern(pattern, resource))).toBe(true);
          if (maxUses !== null) expect(useCount).toBeLessThan(maxUses);
        },
      ),
    );
  });

  it('denies everything once the token or its scope is revoked, whatever else holds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('credential', 'scope'),
        fc.constantFrom('ACTIVE', 'SUSPENDED' as const),
        fc.string(),
        (what, nhiStatus, resource) => {
          const facts =
            what === 'credential'
              ? token({ credentialStatus: 'REVOKED' }, {}, { status: nhiStatus })
              : token({}, { status: 'REVOKED' }, { status: nhiStatus });
          expect(decide(facts, { action: request.action, resource }, NOW)).toEqual({
            decision: 'deny',
            reason: 'TOKEN_REVOKED',
          });
        },
      ),
    );
  });
});
