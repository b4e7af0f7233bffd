import type { Metadata } from 'next';
import { ShieldOff } from 'lucide-react';
import { SignOutButton } from '@/components/shell/sign-out-button';

export const metadata: Metadata = { title: 'No access' };

export default function NoAccessPage() {
  return (
    <div className="text-center">
      <span className="mx-auto flex size-11 items-center justify-center rounded-full bg-amber-50 text-amber-700">
        <ShieldOff className="size-5" aria-hidden />
      </span>
      <h1 className="mt-4 text-lg font-semibold text-slate-900">You have no access to Steward</h1>
      <p className="mt-2 text-sm text-slate-500">
        You signed in, but Steward does not know you as someone with a dashboard role, or your access was disabled. Ask
        a Steward administrator to add you with the role you need.
      </p>
      <div className="mt-5 flex justify-center">
        <SignOutButton />
      </div>
    </div>
  );
}
