import type { OAuthConfig } from 'next-auth/providers/oauth';

/** OpenID Connect settings from the environment; null when no issuer is configured. */
export function oidcSettings() {
  const issuer = process.env.OIDC_ISSUER?.replace(/\/$/, '');
  const clientId = process.env.OIDC_CLIENT_ID;
  const clientSecret = process.env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer,
    clientId,
    clientSecret,
    displayName: process.env.OIDC_DISPLAY_NAME || 'Single sign-on',
    trustUnverifiedEmail: process.env.OIDC_TRUST_UNVERIFIED_EMAIL === 'true',
  };
}

export type OidcProfile = {
  sub: string;
  email?: string;
  /** Some issuers send the string "true". */
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
  /** The `sub` the userinfo endpoint answered with, when Steward asked it. */
  userinfo_sub?: string;
};

/** Who the issuer vouches for: the subject is the identity; the email only finds the person to bind it to. */
export type OidcIdentity = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  /** The issuer verified the email, or the operator trusts every email it sends (OIDC_TRUST_UNVERIFIED_EMAIL). */
  emailTrusted: boolean;
};

export type OidcIdentityResult =
  | { ok: true; identity: OidcIdentity }
  | { ok: false; why: 'userinfo_subject_mismatch'; issuer: string; subject: string; email: string | null };

/**
 * The identity an ID token vouches for, merged with the userinfo answer only when both speak of the same
 * subject: OpenID Connect Core 5.3.2 requires the userinfo `sub` to equal the ID token's before its claims
 * are used, or another account's email could be read as this one's.
 */
export function oidcIdentity(
  profile: OidcProfile,
  settings: { issuer: string; trustUnverifiedEmail: boolean },
): OidcIdentityResult {
  const email = profile.email?.trim().toLowerCase() || null;
  const subject = profile.sub;
  if (profile.userinfo_sub !== undefined && profile.userinfo_sub !== subject) {
    return { ok: false, why: 'userinfo_subject_mismatch', issuer: settings.issuer, subject, email };
  }
  const emailVerified = profile.email_verified === true || profile.email_verified === 'true';
  return {
    ok: true,
    identity: {
      issuer: settings.issuer,
      subject,
      email,
      emailVerified,
      emailTrusted: emailVerified || settings.trustUnverifiedEmail,
    },
  };
}

export const OIDC_PROVIDER_ID = 'oidc';

/** The ID token's payload. next-auth's callback has already validated its signature, issuer, audience and nonce. */
function idTokenClaims(idToken: string): OidcProfile {
  const payload = idToken.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as OidcProfile;
}

/**
 * A generic OpenID Connect provider (Okta, Entra ID, Google, Keycloak …). next-auth 4 has no 'oidc' type:
 * it is an 'oauth' provider with discovery and ID-token validation. Issuers may leave email out of the
 * ID token, so the profile then takes the email (with its `email_verified`) from the userinfo endpoint, and
 * keeps the userinfo `sub` so that the sign-in can refuse an answer about someone else.
 */
export function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const settings = oidcSettings();
  if (!settings) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.displayName,
    type: 'oauth',
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { params: { scope: 'openid email profile' } },
    checks: ['pkce', 'state'],
    idToken: true,
    userinfo: {
      async request({ client, tokens }) {
        const claims = idTokenClaims(tokens.id_token ?? '');
        if (claims.email || !tokens.access_token) return claims;
        const info = (await client.userinfo(tokens.access_token)) as unknown as Partial<OidcProfile>;
        return {
          sub: claims.sub,
          email: info.email,
          email_verified: info.email_verified,
          name: info.name ?? claims.name,
          preferred_username: info.preferred_username ?? claims.preferred_username,
          userinfo_sub: info.sub ?? '',
        };
      },
    },
    profile(profile) {
      const email = profile.email?.trim().toLowerCase() ?? '';
      return { id: profile.sub, email, name: profile.name ?? profile.preferred_username ?? email };
    },
  };
}
