import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

export default function NotFound() {
  return (
    <main className="flex min-h-[70vh] flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-slate-500">404 · Not found</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">There is nothing at this address</h1>
      <Link href="/" className={`${buttonClasses('secondary')} mt-6`}>
        Back to the overview
      </Link>
    </main>
  );
}
