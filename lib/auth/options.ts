import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../db';
import { sameOriginPath } from './callback-url';
import { clientAddress, trustedProxyCount } from './client-address';
import { OIDC_PROVIDER_ID, oidcIdentity, oidcProvider, oidcSettings, type OidcProfile } from './oidc';
import { recordSignOut, signInWithOidc, signInWithPassword, type OidcDenial } from './sign-in';

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** next-auth's sign-in errors: the sign-in page turns them into sentences. */
export const SIGN_IN_ERRORS = {
  throttled: 'Throttled',
  noAccess: 'NoAccess',
  emailUnverified: 'EmailUnverified',
  identityMismatch: 'IdentityMismatch',
} as const;

/** Where a refused single sign-on lands: people unknown to Steward get the no-access page. */
const OIDC_DENIAL_PAGES: Record<OidcDenial, string> = {
  unknown_person: '/no-access',
  no_dashboard_access: '/no-access',
  no_email_claim: '/no-access',
  email_not_verified: `/signin?error=${SIGN_IN_ERRORS.emailUnverified}`,
  bound_to_other_identity: `/signin?error=${SIGN_IN_ERRORS.identityMismatch}`,
  userinfo_subject_mismatch: `/signin?error=${SIGN_IN_ERRORS.identityMismatch}`,
};

type RequestHeaders = Record<string, string | string[] | undefined> | undefined;

function headerValue(headers: RequestHeaders, name: string): string | null {
  const value = headers?.[name];
  return (Array.isArray(value) ? value.join(', ') : value) ?? null;
}

const passwordProvider = CredentialsProvider({
  id: 'password',
  name: 'Email and password',
  credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
  async authorize(credentials, request) {
    const headers = request?.headers as RequestHeaders;
    const ip = clientAddress(headerValue(headers, 'x-forwarded-for'), trustedProxyCount());
    const result = await signInWithPassword(credentials, { ip, userAgent: headerValue(headers, 'user-agent') });
    if (result.ok) return { id: result.humanId, email: result.email, name: result.name };
    if (result.reason === 'THROTTLED') throw new Error(`${SIGN_IN_ERRORS.throttled}:${result.retryAfterSeconds}`);
    if (result.reason === 'NO_ACCESS') throw new Error(SIGN_IN_ERRORS.noAccess);
    return null;
  },
});

async function humanIdOfOidcSubject(subject: string): Promise<string | undefined> {
  const issuer = oidcSettings()?.issuer;
  if (!issuer) return undefined;
  const db = await getDb();
  const human = await db.human.findUnique({
    where: { oidcIssuer_oidcSubject: { oidcIssuer: issuer, oidcSubject: subject } },
    select: { id: true },
  });
  return human?.id;
}

export function authOptions(): NextAuthOptions {
  const oidc = oidcProvider();
  return {
    providers: oidc ? [passwordProvider, oidc] : [passwordProvider],
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    callbacks: {
      async signIn({ account, profile }) {
        const settings = oidcSettings();
        if (account?.provider !== OIDC_PROVIDER_ID || !settings) return true;
        const result = await signInWithOidc(oidcIdentity(profile as OidcProfile, settings), {});
        return result.ok ? true : OIDC_DENIAL_PAGES[result.why];
      },
      async redirect({ url, baseUrl }) {
        return new URL(sameOriginPath(url, baseUrl), baseUrl).href;
      },
      // Runs on every session read: it only carries the person's id. Roles and status are read from the
      // database by getCurrentActor on each request, never trusted from the token.
      async jwt({ token, user, account }) {
        if (!account || !user) return token;
        if (account.provider !== OIDC_PROVIDER_ID) return { ...token, humanId: user.id };
        return { ...token, humanId: await humanIdOfOidcSubject(account.providerAccountId) };
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.humanId ?? '' } };
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.humanId) await recordSignOut(token.humanId);
      },
    },
  };
}
