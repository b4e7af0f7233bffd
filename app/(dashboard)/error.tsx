'use client';

import { useEffect } from 'react';
import Link from 'next/link';
import { TriangleAlert } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';

/**
 * What a person sees when a dashboard page fails unexpectedly: what happened in plain words, a retry, and a
 * reference the operator can find in the server log. Never the error's own text, which may hold internals.
 */
export default function DashboardError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <Card>
      <div role="alert" className="flex flex-col items-center px-6 py-14 text-center">
        <span className="flex size-11 items-center justify-center rounded-full bg-red-50 text-red-700">
          <TriangleAlert className="size-5" aria-hidden />
        </span>
        <h1 className="mt-4 text-base font-semibold text-slate-900">This page could not be shown</h1>
        <p className="mt-1.5 max-w-md text-sm text-slate-500">
          Something went wrong on Steward&rsquo;s side, not in what you did. Nothing was changed. Try again; if it keeps
          happening, tell your administrator
          {error.digest ? (
            <>
              {' '}
              and quote the reference <code className="font-mono text-slate-700">{error.digest}</code>
            </>
          ) : null}
          .
        </p>
        <div className="mt-5 flex flex-wrap justify-center gap-2">
          <button type="button" className={buttonClasses('primary')} onClick={() => retry()}>
            Try again
          </button>
          <Link href="/" className={buttonClasses('secondary')}>
            Go to the overview
          </Link>
        </div>
      </div>
    </Card>
  );
}
