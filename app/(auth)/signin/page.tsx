import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { sameOriginPath } from '@/lib/auth/callback-url';
import { oidcSettings } from '@/lib/auth/oidc';
import { getSessionState } from '@/lib/auth/session';
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

async function appOrigin(): Promise<string> {
  if (process.env.NEXTAUTH_URL) return process.env.NEXTAUTH_URL;
  return `http://${(await headers()).get('host') ?? 'localhost'}`;
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const session = await getSessionState();
  const callbackUrl = sameOriginPath(params.callbackUrl, await appOrigin());
  if (session.state === 'active') redirect(callbackUrl);
  const error = typeof params.error === 'string' ? params.error : undefined;
  return <SignInForm callbackUrl={callbackUrl} oidcName={oidcSettings()?.displayName ?? null} initialError={error} />;
}
