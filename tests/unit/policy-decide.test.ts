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
});
