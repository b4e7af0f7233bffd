import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../db';
import { OIDC_PROVIDER_ID, oidcProvider, oidcSettings } from './oidc';
import { recordSignOut, signInWithOidc, signInWithPassword } from './sign-in';

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** next-auth's sign-in errors: the sign-in page turns them into sentences. */
export const SIGN_IN_ERRORS = { throttled: 'Throttled', noAccess: 'NoAccess' } as const;

function headerValue(headers: Record<string, string | string[] | undefined> | undefined, name: string): string | null {
  const value = headers?.[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

const passwordProvider = CredentialsProvider({
  id: 'password',
  name: 'Email and password',
  credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
  async authorize(credentials, request) {
    const headers = request?.headers as Record<string, string | string[] | undefined> | undefined;
    const ip = headerValue(headers, 'x-forwarded-for')?.split(',')[0]?.trim() ?? null;
    const result = await signInWithPassword(credentials, { ip, userAgent: headerValue(headers, 'user-agent') });
    if (result.ok) return { id: result.humanId, email: result.email, name: result.name };
    if (result.reason === 'THROTTLED') throw new Error(`${SIGN_IN_ERRORS.throttled}:${result.retryAfterSeconds}`);
    if (result.reason === 'NO_ACCESS') throw new Error(SIGN_IN_ERRORS.noAccess);
    return null;
  },
});

export function authOptions(): NextAuthOptions {
  const oidc = oidcProvider();
  return {
    providers: oidc ? [passwordProvider, oidc] : [passwordProvider],
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const issuer = oidcSettings()?.issuer ?? 'unknown';
        const result = await signInWithOidc({ email: user.email, sub: account.providerAccountId, issuer }, {});
        return result ? true : '/no-access';
      },
      // Runs on every session read: it only carries the person's id. Roles and status are read from the
      // database by getCurrentActor on each request, never trusted from the token.
      async jwt({ token, user, account }) {
        if (!account || !user) return token;
        if (account.provider !== OIDC_PROVIDER_ID) return { ...token, humanId: user.id };
        const db = await getDb();
        const human = await db.human.findUnique({ where: { email: user.email ?? '' }, select: { id: true } });
        return { ...token, humanId: human?.id };
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
