import Link from 'next/link';
import type { ReactNode } from 'react';
import { Hourglass, ShieldAlert } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { NHI_KIND_LABELS } from '@/components/inventory/labels';
import { AgentHistory } from './agent-history';
import { formatDuration, labelOf } from './format';
import { RiskBadge, RiskFactors } from './risk-badge';
import { ScopeDecision, type DecisionActions } from './scope-decision';
import type { AgentHistory as History, PendingScopeView } from './types';

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-slate-800">{children}</dd>
    </div>
  );
}

function Patterns({ items, label }: { items: string[]; label: string }) {
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {items.map((item) => (
        <li
          key={item}
          className="max-w-full rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all text-slate-800"
        >
          {item}
        </li>
      ))}
    </ul>
  );
}

function RequestedLifetime({ scope }: { scope: PendingScopeView }) {
  const requested = formatDuration(scope.requestedTtlSeconds);
  if (scope.ttlCapSeconds >= scope.requestedTtlSeconds) return <>{requested}</>;
  return (
    <>
      {requested}{' '}
      <span className="text-slate-500">(the policy allows at most {formatDuration(scope.ttlCapSeconds)})</span>
    </>
  );
}

function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The agent's past in one line, for a narrow window where the lists fold away. */
function historySummary(history: History): string {
  return [
    counted(history.pastScopes.length, 'past scope', 'past scopes'),
    counted(history.recentDecisions.length, 'decision', 'decisions'),
    counted(history.openFindings.length, 'open finding', 'open findings'),
    counted(history.borrowedCases.length, 'borrowed-credential case', 'borrowed-credential cases'),
  ].join(' · ');
}

/** Why this person may not decide: said where the buttons would be, before anyone tries. */
function Blocked({ reason, waitingForSecurity }: { reason: string; waitingForSecurity: boolean }) {
  if (waitingForSecurity)
    return (
      <p role="note" data-testid="decision-blocked" className="flex items-start gap-2 text-sm text-slate-600">
        <Hourglass className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden />
        <span>{reason} Nothing more is needed from you.</span>
      </p>
    );
  return (
    <p
      role="note"
      data-testid="decision-blocked"
      className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
    >
      <ShieldAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>
        <span className="font-medium">Separation of duties.</span> {reason}
      </span>
    </p>
  );
}

/** One pending request: what the agent asks for and why, who asked, how risky it is, and the agent's past. */
export function PendingRequest({
  scope,
  history,
  actions,
  mayApproveHighRisk,
}: {
  scope: PendingScopeView;
  history: History;
  actions: DecisionActions;
  /** Security's second approvals are this person's to give. */
  mayApproveHighRisk: boolean;
}) {
  const headingId = `scope-${scope.id}-task`;
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white shadow-xs">
      <header className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 border-b border-slate-100 px-5 py-4">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-semibold break-words text-slate-900">
            {scope.task}
          </h2>
          <p className="mt-0.5 text-sm break-words text-slate-500">
            <Link
              href={`/inventory/identities/${scope.nhi.id}`}
              className="font-medium text-slate-700 hover:text-brand-700 hover:underline"
            >
              {scope.nhi.name}
            </Link>
            {` · ${labelOf(NHI_KIND_LABELS, scope.nhi.kind)} · ${scope.nhi.environment} · asked `}
            <RelativeTime date={scope.requestedAt} />
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {scope.stage === 'SECURITY' ? <Badge tone="info">Second approval</Badge> : null}
          <RiskBadge risk={scope.risk} />
        </div>
      </header>
      <div className="grid gap-6 px-5 py-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-4">
          <blockquote className="border-l-2 border-slate-200 pl-3 text-sm break-words whitespace-pre-line text-slate-700">
            {scope.justification}
          </blockquote>
          <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2">
            <Term label="Initiator">
              {scope.initiator ? (
                <span className="break-words">
                  {scope.initiator.name} <span className="text-slate-500">({scope.initiator.email})</span>
                </span>
              ) : (
                <span className="text-slate-500">Nobody: the agent acts on its own</span>
              )}
            </Term>
            <Term label="Lifetime asked">
              <RequestedLifetime scope={scope} />
            </Term>
            <Term label="Actions">
              <Patterns items={scope.actions} label="Actions" />
            </Term>
            <Term label="Resources">
              <Patterns items={scope.resources} label="Resources" />
            </Term>
            <Term label="Use limit">
              {scope.maxUses === null ? 'None' : `${scope.maxUses} ${scope.maxUses === 1 ? 'use' : 'uses'}`}
            </Term>
            <Term label="Why this risk">
              <RiskFactors factors={scope.risk.factors} />
            </Term>
          </dl>
          {scope.approvals.length > 0 ? (
            <ul className="space-y-1 text-sm text-slate-600">
              {scope.approvals.map((approval) => (
                <li key={approval.stage}>
                  First approval by <span className="break-words text-slate-800">{approval.approver}</span>,{' '}
                  <RelativeTime date={approval.at} />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <aside
          aria-label={`History of ${scope.nhi.name}`}
          className="min-w-0 border-t border-slate-100 pt-4 lg:border-t-0 lg:border-l lg:pt-0 lg:pl-6"
        >
          <div className="hidden lg:block">
            <h3 className="mb-3 text-sm font-semibold text-slate-900">What {scope.nhi.name} did before</h3>
            <AgentHistory nhiId={scope.nhi.id} history={history} />
          </div>
          <details className="lg:hidden">
            <summary className="cursor-pointer text-sm font-semibold text-slate-900">
              What {scope.nhi.name} did before
              <span className="block text-xs font-normal text-slate-500">{historySummary(history)}</span>
            </summary>
            <div className="mt-3">
              <AgentHistory nhiId={scope.nhi.id} history={history} />
            </div>
          </details>
        </aside>
      </div>
      <footer className="flex flex-wrap items-center justify-between gap-3 rounded-b-lg border-t border-slate-100 bg-slate-50/60 px-5 py-3">
        {scope.blockedReason ? (
          <Blocked
            reason={scope.blockedReason}
            waitingForSecurity={scope.stage === 'SECURITY' && !mayApproveHighRisk}
          />
        ) : (
          <>
            <p className="text-sm text-slate-500">
              {scope.stage === 'SPONSOR' && scope.risk.needsSecurityApproval
                ? 'State-changing and risky: Security approves it too after you.'
                : 'Your approval lets the agent fetch its task token.'}
            </p>
            <ScopeDecision
              scope={{
                id: scope.id,
                task: scope.task,
                agent: scope.nhi.name,
                resources: scope.resources,
                requestedTtlSeconds: scope.requestedTtlSeconds,
                ttlCapSeconds: scope.ttlCapSeconds,
                maxUses: scope.maxUses,
                securityFollows: scope.stage === 'SPONSOR' && scope.risk.needsSecurityApproval,
              }}
              actions={actions}
            />
          </>
        )}
      </footer>
    </article>
  );
}
