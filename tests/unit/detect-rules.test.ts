import { describe, expect, it } from 'vitest';
import {
  detectBorrowed,
  detectEnvironmentMix,
  detectLongLived,
  detectOrphaned,
  detectShared,
  detectStale,
  type CredentialFacts,
  type NhiFacts,
  type UsageFacts,
} from '../../lib/detect/rules';
import { CONTROLS } from '../../lib/detect/controls';
import { environmentClass } from '../../lib/inventory/environments';

const NOW = new Date('2026-11-22T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

function nhi(overrides: Partial<NhiFacts> = {}): NhiFacts {
  return {
    id: 'n1',
    name: 'pr-review-agent',
    kind: 'AI_AGENT',
    status: 'ACTIVE',
    createdAt: daysAgo(400),
    lastSeenAt: daysAgo(1),
    sponsor: { id: 'h1', name: 'Mira Patel', status: 'ACTIVE' },
    ...overrides,
  };
}

function credential(overrides: Partial<CredentialFacts> = {}): CredentialFacts {
  return {
    id: 'c1',
    name: 'deploy key',
    kind: 'API_KEY',
    status: 'ACTIVE',
    issuedAt: daysAgo(30),
    expiresAt: null,
    lastRotatedAt: null,
    subjectHuman: null,
    subjectNhiId: 'n1',
    holderNhi: { id: 'n1', name: 'pr-review-agent' },
    usages: [],
    ...overrides,
  };
}

function usage(executorKey: string, environment: string, lastSeenDaysAgo = 1): UsageFacts {
  return {
    executorKey,
    executorLabel: executorKey.split(':')[1],
    environment,
    eventCount: 3,
    lastSeenAt: daysAgo(lastSeenDaysAgo),
    lastEventSeq: 42,
  };
}

describe('ORPHANED', () => {
  it('flags an NHI with no sponsor, or with an offboarded one, higher for AI agents', () => {
    expect(detectOrphaned(nhi({ sponsor: null }))).toMatchObject({
      type: 'ORPHANED',
      severity: 'HIGH',
      key: 'ORPHANED:nhi:n1',
    });
    expect(
      detectOrphaned(nhi({ kind: 'SERVICE_ACCOUNT', sponsor: { id: 'h2', name: 'Old Owner', status: 'OFFBOARDED' } })),
    ).toMatchObject({ severity: 'MEDIUM' });
  });

  it('does not flag a sponsored NHI, or a decommissioned one without sponsor', () => {
    expect(detectOrphaned(nhi())).toBeNull();
    expect(detectOrphaned(nhi({ status: 'DECOMMISSIONED', sponsor: null }))).toBeNull();
  });
});

describe('STALE', () => {
  it('flags an active NHI unused for 90 days or more, or never seen since created that long ago', () => {
    expect(detectStale(nhi({ lastSeenAt: daysAgo(91) }), NOW)).toMatchObject({ severity: 'LOW' });
    expect(detectStale(nhi({ lastSeenAt: daysAgo(200) }), NOW)).toMatchObject({ severity: 'MEDIUM' });
    expect(detectStale(nhi({ lastSeenAt: null, createdAt: daysAgo(120) }), NOW)).not.toBeNull();
  });

  it('does not flag one seen 89 days ago, a new one never seen, or a suspended one', () => {
    expect(detectStale(nhi({ lastSeenAt: daysAgo(89) }), NOW)).toBeNull();
    expect(detectStale(nhi({ lastSeenAt: null, createdAt: daysAgo(10) }), NOW)).toBeNull();
    expect(detectStale(nhi({ status: 'SUSPENDED', lastSeenAt: daysAgo(300) }), NOW)).toBeNull();
  });
});

describe('LONG_LIVED_SECRET', () => {
  it('flags a standing credential whose secret is older than 90 days, counted from its last rotation', () => {
    expect(detectLongLived(credential({ issuedAt: daysAgo(120) }), NOW)).toMatchObject({ severity: 'MEDIUM' });
    expect(detectLongLived(credential({ issuedAt: daysAgo(800), lastRotatedAt: daysAgo(400) }), NOW)).toMatchObject({
      severity: 'HIGH',
    });
    expect(detectLongLived(credential({ issuedAt: daysAgo(120) }), NOW)?.rationale).toContain('never rotated');
  });

  it('does not flag one rotated recently, one that expires, a task token, or a revoked one', () => {
    expect(detectLongLived(credential({ issuedAt: daysAgo(800), lastRotatedAt: daysAgo(20) }), NOW)).toBeNull();
    expect(detectLongLived(credential({ issuedAt: daysAgo(800), expiresAt: daysAgo(-30) }), NOW)).toBeNull();
    expect(detectLongLived(credential({ kind: 'TASK_TOKEN', issuedAt: daysAgo(800) }), NOW)).toBeNull();
    expect(detectLongLived(credential({ status: 'REVOKED', issuedAt: daysAgo(800) }), NOW)).toBeNull();
  });
});

describe('BORROWED_HUMAN_CREDENTIAL', () => {
  const borrowed = credential({
    kind: 'PERSONAL_ACCESS_TOKEN',
    subjectNhiId: null,
    subjectHuman: { id: 'h1', email: 'mira.patel@acme.example', status: 'ACTIVE' },
    holderNhi: { id: 'n1', name: 'pr-review-agent' },
  });

  it('flags a person’s credential held by an NHI, critical when the person was offboarded, and maps the 2025 controls', () => {
    const finding = detectBorrowed(borrowed);
    expect(finding).toMatchObject({ severity: 'HIGH', nhiId: 'n1', credentialId: 'c1' });
    expect(finding?.controls).toEqual(['ASI03', 'NHI5', 'IA.L2-3.5.1', 'AU.L2-3.3.2', 'PR.AA-01', 'PR.AA-05']);
    expect(finding?.rationale).toMatch(/"NHI-01" or "NHI-03"/);
    expect(
      detectBorrowed({ ...borrowed, subjectHuman: { id: 'h1', email: 'gone@acme.example', status: 'OFFBOARDED' } }),
    ).toMatchObject({ severity: 'CRITICAL' });
  });

  it('does not flag a person’s own credential, an NHI’s own credential, or a revoked borrowed one', () => {
    expect(detectBorrowed({ ...borrowed, holderNhi: null })).toBeNull();
    expect(detectBorrowed(credential())).toBeNull();
    expect(detectBorrowed({ ...borrowed, status: 'REVOKED' })).toBeNull();
  });
});

describe('SHARED_CREDENTIAL', () => {
  it('flags a credential used by two or more executors within 90 days', () => {
    const finding = detectShared(
      credential({ usages: [usage('NHI:n1', 'production'), usage('NHI:n2', 'production')] }),
      NOW,
    );
    expect(finding).toMatchObject({ type: 'SHARED_CREDENTIAL', severity: 'MEDIUM', controls: ['NHI9'] });
  });

  it('does not flag one executor in several places, or a second executor last seen long ago', () => {
    expect(
      detectShared(credential({ usages: [usage('NHI:n1', 'production'), usage('NHI:n1', 'staging')] }), NOW),
    ).toBeNull();
    expect(
      detectShared(credential({ usages: [usage('NHI:n1', 'production'), usage('NHI:n2', 'production', 200)] }), NOW),
    ).toBeNull();
  });
});

describe('ENVIRONMENT_MIX', () => {
  it('flags a credential used in production and outside it', () => {
    expect(
      detectEnvironmentMix(credential({ usages: [usage('NHI:n1', 'prod-eu'), usage('NHI:n1', 'staging')] }), NOW),
    ).toMatchObject({ severity: 'HIGH', controls: ['NHI8'] });
  });

  it('does not flag production under two names, or production with an unknown environment', () => {
    expect(
      detectEnvironmentMix(credential({ usages: [usage('NHI:n1', 'production'), usage('NHI:n1', 'prod-eu')] }), NOW),
    ).toBeNull();
    expect(
      detectEnvironmentMix(credential({ usages: [usage('NHI:n1', 'production'), usage('NHI:n1', '')] }), NOW),
    ).toBeNull();
  });
});

describe('environments and controls', () => {
  it.each([
    ['production', 'production'],
    ['PROD', 'production'],
    ['prod-eu-west-1', 'production'],
    ['payments-prod', 'production'],
    ['staging', 'non-production'],
    ['dev', 'non-production'],
    ['product-sandbox', 'non-production'],
    ['unknown', 'unknown'],
    ['', 'unknown'],
  ])('%s is %s', (name, expected) => {
    expect(environmentClass(name)).toBe(expected);
  });

  it('names every control a rule maps to in the catalogue', () => {
    const rules = [
      detectOrphaned(nhi({ sponsor: null })),
      detectStale(nhi({ lastSeenAt: daysAgo(100) }), NOW),
      detectLongLived(credential({ issuedAt: daysAgo(100) }), NOW),
    ];
    for (const finding of rules) for (const control of finding?.controls ?? []) expect(CONTROLS[control]).toBeDefined();
  });
});
