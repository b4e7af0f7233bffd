'use client';

import { useState, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';

function describeError(code: string | undefined): string | null {
  if (!code) return null;
  if (code.startsWith('Throttled')) {
    const seconds = Number(code.split(':')[1] ?? 900);
    return `Too many failed attempts for this email. Try again in ${Math.max(1, Math.ceil(seconds / 60))} minutes.`;
  }
  if (code === 'CredentialsSignin') return 'The email or the password is not right.';
  if (code === 'NoAccess' || code === 'AccessDenied')
    return 'This account has no access to Steward. Ask an administrator.';
  return 'Signing in did not work. Try again, or ask your administrator.';
}

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
      window.location.assign(result.url ?? callbackUrl);
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
      <form method="post" onSubmit={submit} className={oidcName ? 'space-y-4' : 'mt-5 space-y-4'}>
        <Field label="Email" htmlFor="email">
          <Input id="email" name="email" type="email" autoComplete="username" required />
        </Field>
        <Field label="Password" htmlFor="password">
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </div>
  );
}
