import { describe, expect, it } from 'vitest';
import { oidcIdentity } from '../../lib/auth/oidc';

const ISSUER = 'https://idp.example';
const strict = { issuer: ISSUER, trustUnverifiedEmail: false };
const trusting = { issuer: ISSUER, trustUnverifiedEmail: true };

describe('oidcIdentity', () => {
  it('trusts an email the issuer verified, lowercased', () => {
    expect(oidcIdentity({ sub: 's1', email: ' Ann@Example.COM ', email_verified: true }, strict)).toEqual({
      ok: true,
      identity: { issuer: ISSUER, subject: 's1', email: 'ann@example.com', emailVerified: true, emailTrusted: true },
    });
  });

  it('reads email_verified sent as the string "true"', () => {
    const result = oidcIdentity({ sub: 's1', email: 'ann@example.com', email_verified: 'true' }, strict);
    expect(result.ok && result.identity.emailTrusted).toBe(true);
  });

  it.each([
    ['false', { email_verified: false }],
    ['the string "false"', { email_verified: 'false' }],
    ['missing', {}],
  ])('does not trust an email whose email_verified is %s', (_, claim) => {
    const result = oidcIdentity({ sub: 's1', email: 'ann@example.com', ...claim }, strict);
    expect(result).toMatchObject({ ok: true, identity: { emailVerified: false, emailTrusted: false } });
  });

  it('trusts an unverified email only when the operator says so', () => {
    const result = oidcIdentity({ sub: 's1', email: 'ann@example.com', email_verified: false }, trusting);
    expect(result).toMatchObject({ ok: true, identity: { emailVerified: false, emailTrusted: true } });
  });

  it('refuses a userinfo answer about another subject, even with a verified email', () => {
    const profile = { sub: 's1', userinfo_sub: 's2', email: 'ann@example.com', email_verified: true };
    expect(oidcIdentity(profile, trusting)).toEqual({
      ok: false,
      why: 'userinfo_subject_mismatch',
      issuer: ISSUER,
      subject: 's1',
      email: 'ann@example.com',
    });
    expect(oidcIdentity({ ...profile, userinfo_sub: '' }, strict)).toMatchObject({ ok: false });
  });

  it('accepts a userinfo answer about the same subject, and an ID token alone', () => {
    expect(oidcIdentity({ sub: 's1', userinfo_sub: 's1', email: 'a@b.example' }, strict).ok).toBe(true);
    expect(oidcIdentity({ sub: 's1' }, strict)).toMatchObject({ ok: true, identity: { email: null } });
  });
});
