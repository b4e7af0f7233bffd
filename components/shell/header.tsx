import type { HumanActor } from '@/lib/auth/actor';
import { Badge } from '@/components/ui/badge';
import { SignOutButton } from './sign-out-button';

const ROLE_LABELS = { ADMIN: 'Admin', SECURITY: 'Security', SPONSOR: 'Sponsor', AUDITOR: 'Auditor' } as const;

export function Header({ actor }: { actor: HumanActor }) {
  return (
    <header className="flex h-14 items-center justify-end gap-4 border-b border-slate-200 bg-white px-4 sm:px-6">
      <div className="flex min-w-0 items-center gap-3" data-testid="current-person">
        <div className="min-w-0 text-right leading-tight">
          <p className="truncate text-sm font-medium text-slate-900">{actor.name}</p>
          <p className="truncate text-xs text-slate-500">{actor.email}</p>
        </div>
        <Badge tone="brand">
          <span data-testid="current-role">{ROLE_LABELS[actor.role]}</span>
        </Badge>
      </div>
      <SignOutButton />
    </header>
  );
}
