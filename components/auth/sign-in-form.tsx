'use client';

import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';
import { sameOriginPath } from '@/lib/auth/callback-url';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';

function describeError(code: string | undefined): string | null {
  if (!code) return null;
  if (code.startsWith('Throttled')) {
    const seconds = Number(code.split(':')[1] ?? 900);
    return `Too many failed sign-in attempts. Try again in ${Math.max(1, Math.ceil(seconds / 60))} minutes.`;
  }
  if (code === 'EmailUnverified')
    return 'Your identity provider has not verified your email address, so Steward cannot tell who you are. Verify it there, or ask your administrator.';
  if (code === 'IdentityMismatch')
    return 'This Steward account is linked to another identity at your provider. Ask your administrator.';
  if (code === 'CredentialsSignin') return 'The email or the password is not right.';
  if (code === 'NoAccess' || code === 'AccessDenied')
    return 'This account has no access to Steward. Ask an administrator.';
  return 'Signing in did not work. Try again, or ask your administrator.';
}

const subscribeToNothing = () => () => {};

/**
 * The CSRF-checked endpoint the password goes to. Before the page is interactive the buttons are disabled; a
 * native submission that happens anyway (a script, an extension) goes there too, never to this page nor
 * into a URL: without the CSRF token next-auth refuses it and sends the visitor back to sign in.
 */
const PASSWORD_ENDPOINT = '/api/auth/callback/password';

export function SignInForm({
  callbackUrl,
  oidcName,
  initialError,
}: {
  callbackUrl: string;
  oidcName: string | null;
  initialError?: string;
}) {
  const [error, setError] = useState<string | null>(describeError(initialError));
  const [pending, setPending] = useState(false);
  const interactive = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn('password', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      callbackUrl,
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(sameOriginPath(result.url ?? callbackUrl, window.location.origin));
      return;
    }
    setPending(false);
    setError(describeError(result?.error ?? 'CredentialsSignin'));
  }

  return (
    <div>
      <h1 className="text-lg font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 text-sm text-slate-500">Govern the agents and service accounts that act in your name.</p>
      {error ? (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}
      {oidcName ? (
        <>
          <Button
            type="button"
            variant="secondary"
            className="mt-5 w-full"
            disabled={!interactive}
            onClick={() => signIn('oidc', { callbackUrl })}
          >
            Continue with {oidcName}
          </Button>
          <div className="my-5 flex items-center gap-3 text-xs text-slate-400">
            <span className="h-px flex-1 bg-slate-200" />
            or with a password
            <span className="h-px flex-1 bg-slate-200" />
          </div>
        </>
      ) : null}
      <form
        method="post"
        action={PASSWORD_ENDPOINT}
        onSubmit={submit}
        className={oidcName ? 'space-y-4' : 'mt-5 space-y-4'}
      >
        <Field label="Email" htmlFor="email">
          <Input id="email" name="email" type="email" autoComplete="username" required />
        </Field>
        <Field label="Password" htmlFor="password">
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button type="submit" className="w-full" disabled={!interactive || pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </div>
  );
}
