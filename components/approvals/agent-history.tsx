import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge, type Tone } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { SCOPE_STATUS_LABELS } from '@/components/inventory/labels';
import { labelOf } from './format';
import type { AgentHistory as History } from './types';

const SHOWN = 3;

const SCOPE_TONES: Record<string, Tone> = { APPROVED: 'success', DENIED: 'danger', REVOKED: 'danger' };
const SEVERITY_TONES: Record<string, Tone> = { LOW: 'info', MEDIUM: 'warning', HIGH: 'danger', CRITICAL: 'danger' };

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

function Section<T>({
  title,
  items,
  empty,
  more,
  children,
}: {
  title: string;
  items: T[];
  empty: string;
  more: { href: string; label: string };
  children: (item: T) => ReactNode;
}) {
  return (
    <section>
      <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {title} <span className="font-normal text-slate-500 tabular-nums">({items.length})</span>
      </h4>
      {items.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="mt-1 space-y-1 text-sm">
          {items.slice(0, SHOWN).map(children)}
          {items.length > SHOWN ? (
            <li>
              <Link href={more.href} className="text-xs text-brand-700 hover:underline">
                {more.label}
              </Link>
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}

/** What the approver should know about the agent before deciding, each list its latest few. */
export function AgentHistory({ nhiId, history }: { nhiId: string; history: History }) {
  const identity = `/inventory/identities/${nhiId}`;
  return (
    <div className="space-y-4">
      <Section
        title="Past scopes"
        items={history.pastScopes}
        empty="Its first request."
        more={{ href: identity, label: 'All its scopes' }}
      >
        {(scope) => (
          <li key={scope.id} className="flex min-w-0 items-center gap-2">
            <Badge tone={SCOPE_TONES[scope.status] ?? 'neutral'}>{labelOf(SCOPE_STATUS_LABELS, scope.status)}</Badge>
            <span className="min-w-0 truncate text-slate-700" title={scope.task}>
              {scope.task}
            </span>
            <span className="ml-auto shrink-0 text-xs whitespace-nowrap text-slate-500">
              <RelativeTime date={scope.requestedAt} />
            </span>
          </li>
        )}
      </Section>
      <Section
        title="Recent decisions"
        items={history.recentDecisions}
        empty="No runtime decision yet."
        more={{ href: identity, label: 'All its events' }}
      >
        {(decision) => (
          <li key={decision.seq} className="flex min-w-0 items-center gap-2">
            <Badge tone={decision.decision === 'allow' ? 'success' : 'danger'}>{capitalized(decision.decision)}</Badge>
            <span
              className="min-w-0 truncate font-mono text-xs text-slate-700"
              title={`${decision.action} on ${decision.resource ?? '—'}: ${decision.reason}`}
            >
              {decision.action}
              {decision.decision === 'allow' ? null : ` · ${decision.reason}`}
            </span>
            <span className="ml-auto shrink-0 text-xs whitespace-nowrap text-slate-500">
              <RelativeTime date={decision.occurredAt} />
            </span>
          </li>
        )}
      </Section>
      <Section
        title="Open findings"
        items={history.openFindings}
        empty="None."
        more={{ href: identity, label: 'All its findings' }}
      >
        {(finding) => (
          <li key={finding.id} className="flex min-w-0 items-center gap-2">
            <Badge tone={SEVERITY_TONES[finding.severity] ?? 'neutral'}>{capitalized(finding.severity)}</Badge>
            <span className="min-w-0 truncate text-slate-700" title={finding.title}>
              {finding.title}
            </span>
          </li>
        )}
      </Section>
      <Section
        title="Borrowed-credential cases"
        items={history.borrowedCases}
        empty="None: it has not been seen with a person’s credential."
        more={{ href: '/borrowed', label: 'All cases' }}
      >
        {(found) => (
          <li key={found.id} className="flex min-w-0 items-center gap-2">
            <Badge tone={found.status === 'RESOLVED' ? 'success' : 'warning'}>{capitalized(found.status)}</Badge>
            <Link
              href={`/borrowed/${found.id}`}
              className="min-w-0 truncate text-slate-700 hover:text-brand-700 hover:underline"
              title={found.humanLabel}
            >
              {found.humanLabel}
            </Link>
            <span className="ml-auto shrink-0 text-xs whitespace-nowrap text-slate-500">
              <RelativeTime date={found.lastSeen} />
            </span>
          </li>
        )}
      </Section>
    </div>
  );
}
