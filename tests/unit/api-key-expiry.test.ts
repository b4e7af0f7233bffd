import { describe, expect, it } from 'vitest';
import { EXPIRY_WARNING_DAYS, expiresSoon } from '@/components/api-keys/expiry';

const NOW = new Date('2026-12-01T12:00:00Z');
const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

describe('an API key close to expiry is flagged', () => {
  it.each([
    ['active, ends in 3 days', 'ACTIVE', inDays(3), true],
    ['active, ends exactly at the warning', 'ACTIVE', inDays(EXPIRY_WARNING_DAYS), true],
    ['active, ends in 15 days', 'ACTIVE', inDays(15), false],
    ['active, ends in 90 days (the default)', 'ACTIVE', inDays(90), false],
    ['active, never ends', 'ACTIVE', null, false],
    ['already expired', 'EXPIRED', inDays(-1), false],
    ['revoked, would have ended soon', 'REVOKED', inDays(2), false],
  ] as const)('%s', (_case, status, expiresAt, flagged) => {
    expect(expiresSoon({ status, expiresAt }, NOW)).toBe(flagged);
  });
});
