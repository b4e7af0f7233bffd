import Link from 'next/link';
import { ShieldX } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';

export default function Forbidden() {
  return (
    <main className="flex min-h-[70vh] flex-col items-center justify-center px-6 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-red-50 text-red-600">
        <ShieldX className="size-6" aria-hidden />
      </span>
      <p className="mt-4 text-sm font-semibold text-red-700">403 · Forbidden</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">
        Your role does not give access to this page
      </h1>
      <p className="mt-2 max-w-md text-sm text-slate-500">
        Steward checks every page and action against your current role. If you need this, ask an administrator to change
        your role.
      </p>
      <Link href="/" className={`${buttonClasses('secondary')} mt-6`}>
        Back to the overview
      </Link>
    </main>
  );
}
