import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { oidcSettings } from '@/lib/auth/oidc';
import { getSessionState } from '@/lib/auth/session';
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

function safeCallback(value: string | string[] | undefined): string {
  const url = Array.isArray(value) ? value[0] : value;
  return url && url.startsWith('/') && !url.startsWith('//') ? url : '/';
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const session = await getSessionState();
  const callbackUrl = safeCallback(params.callbackUrl);
  if (session.state === 'active') redirect(callbackUrl);
  const error = typeof params.error === 'string' ? params.error : undefined;
  return <SignInForm callbackUrl={callbackUrl} oidcName={oidcSettings()?.displayName ?? null} initialError={error} />;
}
