import type { OAuthConfig } from 'next-auth/providers/oauth';

/** OpenID Connect settings from the environment; null when no issuer is configured. */
export function oidcSettings() {
  const issuer = process.env.OIDC_ISSUER?.replace(/\/$/, '');
  const clientId = process.env.OIDC_CLIENT_ID;
  const clientSecret = process.env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, displayName: process.env.OIDC_DISPLAY_NAME || 'Single sign-on' };
}

export type OidcProfile = { sub: string; email?: string; name?: string; preferred_username?: string };

export const OIDC_PROVIDER_ID = 'oidc';

/** The ID token's payload. next-auth's callback has already validated its signature, issuer, audience and nonce. */
function idTokenClaims(idToken: string): OidcProfile {
  const payload = idToken.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as OidcProfile;
}

/**
 * A generic OpenID Connect provider (Okta, Entra ID, Google, Keycloak …). next-auth 4 has no 'oidc' type:
 * it is an 'oauth' provider with discovery and ID-token validation. Issuers may leave email out of the
 * ID token, so the profile merges the ID token's claims with the userinfo endpoint's.
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
        return { ...claims, ...info, sub: claims.sub };
      },
    },
    profile(profile) {
      const email = profile.email?.trim().toLowerCase() ?? '';
      return { id: profile.sub, email, name: profile.name ?? profile.preferred_username ?? email };
    },
  };
}
