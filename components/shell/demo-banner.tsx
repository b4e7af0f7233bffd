import { FlaskConical } from 'lucide-react';

export function DemoBanner() {
  return (
    <div
      role="note"
      className="flex items-center justify-center gap-2 bg-amber-100 px-4 py-1.5 text-center text-xs font-medium text-amber-900"
    >
      <FlaskConical className="size-3.5 shrink-0" aria-hidden />
      Demo mode: generated data, demo accounts and demo API keys. Do not use this deployment for real identities.
    </div>
  );
}
