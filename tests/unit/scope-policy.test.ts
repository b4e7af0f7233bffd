import { describe, expect, it } from 'vitest';
import {
  assessRisk,
  DEFAULT_SCOPE_POLICY,
  isNarrowerOrEqual,
  isStateChanging,
  ttlCapSeconds,
} from '../../lib/scopes/risk';

const policy = DEFAULT_SCOPE_POLICY;

describe('the scope policy', () => {
  it.each([
    ['github:pulls.read', false],
    ['github:repos.list', false],
    ['aws:s3.GetObject', false],
    ['aws:ec2.DescribeInstances', false],
    ['gcp:bigquery/tables.get', false],
    ['github:pulls.merge', true],
    ['github:contents.write', true],
    ['aws:s3.PutObject', true],
    ['okta:users.deactivate', true],
  ])('counts %s as state-changing: %s', (action, changing) => {
    expect(isStateChanging(policy, action)).toBe(changing);
  });

  it('lets Settings say per system which verbs change state', () => {
    const configured = { ...policy, stateChangingVerbs: { github: ['pulls.comment', '*.delete'] } };
    expect(isStateChanging(configured, 'github:pulls.comment')).toBe(true);
    expect(isStateChanging(configured, 'github:repos.delete')).toBe(true);
    expect(isStateChanging(configured, 'github:pulls.merge')).toBe(false);
    expect(isStateChanging(configured, 'aws:s3.PutObject')).toBe(true);
  });

  it('caps read-only scopes at 8 hours and state-changing ones at 1 hour by default', () => {
    expect(ttlCapSeconds(policy, ['github:pulls.read'])).toBe(8 * 3600);
    expect(ttlCapSeconds(policy, ['github:pulls.read', 'github:pulls.merge'])).toBe(3600);
  });

  it('scores a narrow read low and a broad production write high, needing Security', () => {
    const narrow = assessRisk(policy, {
      actions: ['github:pulls.read'],
      resources: ['github:acme/payments/*'],
      ttlSeconds: 1800,
      maxUses: null,
    });
    expect(narrow).toMatchObject({ level: 'low', stateChanging: false, needsSecurityApproval: false });
    const broad = assessRisk(policy, {
      actions: ['aws:s3.PutObject'],
      resources: ['aws:arn:aws:s3:::acme-prod-*'],
      ttlSeconds: 3600,
      maxUses: null,
    });
    expect(broad).toMatchObject({ level: 'high', stateChanging: true, needsSecurityApproval: true });
    expect(broad.factors.join(' ')).toMatch(/changes state/);
    const oneShotWrite = assessRisk(policy, {
      actions: ['github:pulls.comment'],
      resources: ['github:acme/payments/pulls/7'],
      ttlSeconds: 600,
      maxUses: 1,
    });
    expect(oneShotWrite).toMatchObject({ stateChanging: true, needsSecurityApproval: false });
  });

  it('accepts approved resources only inside the requested ones', () => {
    expect(isNarrowerOrEqual(['github:acme/*'], ['github:acme/payments/*'])).toBe(true);
    expect(isNarrowerOrEqual(['github:acme/payments/*'], ['github:acme/payments/*'])).toBe(true);
    expect(isNarrowerOrEqual(['github:acme/payments/*'], ['github:acme/*'])).toBe(false);
    expect(isNarrowerOrEqual(['github:acme/payments/*'], ['github:acme/billing/*'])).toBe(false);
  });
});
