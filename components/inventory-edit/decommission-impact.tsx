import type { DecommissionImpact as Impact } from '@/lib/identities/manage';
import { CREDENTIAL_KIND_LABELS } from '@/components/inventory/labels';
import { KEY_KINDS } from '@/components/api-keys/kinds';

const SHOWN = 10;

function More({ hidden }: { hidden: number }) {
  return hidden > 0 ? <li className="px-3 py-1.5 text-slate-500">and {hidden} more</li> : null;
}

/** What decommissioning revokes in the same step: every active credential of the NHI and every API key bound to it. */
export function DecommissionImpact({ impact }: { impact: Impact }) {
  const { credentials, apiKeys } = impact;
  if (credentials.length + apiKeys.length === 0)
    return (
      <p className="mt-4 text-sm text-slate-600" data-testid="decommission-impact">
        It holds no active credential and no API key: nothing else is revoked.
      </p>
    );
  return (
    <div className="mt-4 space-y-3 text-sm" data-testid="decommission-impact">
      <p className="font-medium text-slate-900">
        Revoked at the same moment: {credentials.length} credential{credentials.length === 1 ? '' : 's'} and{' '}
        {apiKeys.length} API key{apiKeys.length === 1 ? '' : 's'}.
      </p>
      <ul
        aria-label="What decommissioning revokes"
        className="max-h-48 divide-y divide-slate-100 overflow-y-auto rounded-md ring-1 ring-slate-200"
      >
        {credentials.slice(0, SHOWN).map((credential) => (
          <li key={credential.id} className="flex justify-between gap-3 px-3 py-1.5">
            <span className="truncate text-slate-800" title={credential.name}>
              {credential.name}
            </span>
            <span className="shrink-0 text-xs text-slate-500">
              {CREDENTIAL_KIND_LABELS[credential.kind]}
              {credential.subjectHumanId ? ' · a person’s' : ''}
            </span>
          </li>
        ))}
        <More hidden={credentials.length - SHOWN} />
        {apiKeys.slice(0, SHOWN).map((key) => (
          <li key={key.id} className="flex justify-between gap-3 px-3 py-1.5">
            <span className="truncate text-slate-800" title={key.name}>
              {key.name} <code className="text-xs text-slate-500">{key.prefix}…</code>
            </span>
            <span className="shrink-0 text-xs text-slate-500">{KEY_KINDS[key.kind].label} API key</span>
          </li>
        ))}
        <More hidden={apiKeys.length - SHOWN} />
      </ul>
    </div>
  );
}
