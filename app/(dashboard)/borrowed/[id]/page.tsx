import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChevronLeft } from 'lucide-react';
import { can } from '@/lib/auth/actor';
import { getBorrowedCase } from '@/lib/borrowed/list';
import { readMigration } from '@/lib/borrowed/move-to-scopes';
import { AppError } from '@/lib/errors';
import { Card, CardHeader } from '@/components/ui/card';
import { CaseStatusBadge, ConfidenceBadge } from '@/components/borrowed/badges';
import { CaseActions } from '@/components/borrowed/case-actions';
import { CaseParties, CaseReasons } from '@/components/borrowed/case-overview';
import { MoveToScopes } from '@/components/borrowed/move-to-scopes';
import { agentsSummary } from '@/components/borrowed/case-table';
import { EvidenceTimeline } from '@/components/borrowed/evidence-timeline';
import { CASE_STATUS, credentialKindLabel } from '@/components/borrowed/labels';
import { utcDateTime } from '@/components/borrowed/time';
import { WorkflowSteps } from '@/components/borrowed/workflow-steps';
import {
  assignCaseAction,
  reopenCaseAction,
  resolveCaseAction,
  searchPeopleAction,
  startMigrationAction,
} from '../actions';
import { requireCaseReader } from '../reader';
import { moveToScopesAction, revokeBorrowedCredentialAction, searchAgentsAction } from './move-actions';

export const metadata: Metadata = { title: 'Borrowed credential' };

/** The case, or Next's 404 page for an unknown one and for one outside the reader's reach alike. */
async function caseOr404(...args: Parameters<typeof getBorrowedCase>) {
  try {
    return await getBorrowedCase(...args);
  } catch (error) {
    if (error instanceof AppError && (error.status === 404 || error.status === 422)) notFound();
    throw error;
  }
}

export default async function BorrowedCasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireCaseReader();
  const { id } = await params;
  const entry = await caseOr404(actor, id);
  const mayRemediate = can(actor, 'borrowed.remediate');
  const migration = mayRemediate ? await readMigration(actor, entry.id) : null;
  const knownAgent = entry.agents.find((agent) => agent.id);
  return (
    <>
      <div className="mb-6">
        <Link href="/borrowed" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
          <ChevronLeft className="size-4" aria-hidden />
          Borrowed credentials
        </Link>
        <h1 className="mt-2 text-xl font-semibold tracking-tight wrap-anywhere text-slate-900">
          {entry.human.label}’s {credentialKindLabel(entry.credential.kind).toLowerCase()}, used by{' '}
          {agentsSummary(entry.agents)}
        </h1>
        <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-500">
          <ConfidenceBadge confidence={entry.confidence} />
          <CaseStatusBadge status={entry.status} />
          <span className="font-mono text-xs break-all">{entry.credential.externalId}</span>
        </div>
      </div>
      <Card className="mb-6">
        <CardHeader
          title="Remediation"
          description={CASE_STATUS[entry.status].meaning}
          action={
            mayRemediate ? (
              <div className="flex flex-wrap items-center gap-2">
                <CaseActions
                  caseId={entry.id}
                  status={entry.status}
                  assignee={entry.assignee}
                  credentialInInventory={Boolean(entry.credential.id)}
                  canResolve={entry.canResolve}
                  actions={{
                    assign: assignCaseAction,
                    startMigration: startMigrationAction,
                    resolve: resolveCaseAction,
                    reopen: reopenCaseAction,
                  }}
                  searchPeople={searchPeopleAction}
                />
              </div>
            ) : null
          }
        />
        <div className="flex flex-wrap items-center justify-between gap-4 px-5 py-4">
          <WorkflowSteps status={entry.status} />
          <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
            <div className="flex gap-1.5">
              <dt className="text-slate-500">Assignee</dt>
              <dd className="text-slate-900" data-testid="case-assignee">
                {entry.assignee ? (
                  <Link
                    href={`/inventory/people/${entry.assignee.id}`}
                    className="hover:text-brand-700 hover:underline"
                  >
                    {entry.assignee.name}
                  </Link>
                ) : (
                  'Nobody yet'
                )}
              </dd>
            </div>
            {entry.credentialEndedAt ? (
              <div className="flex gap-1.5">
                <dt className="text-slate-500">Credential ended</dt>
                <dd className="text-slate-900">{utcDateTime(entry.credentialEndedAt)}</dd>
              </div>
            ) : null}
            {entry.resolvedAt ? (
              <div className="flex gap-1.5">
                <dt className="text-slate-500">Resolved</dt>
                <dd className="text-slate-900">{utcDateTime(entry.resolvedAt)}</dd>
              </div>
            ) : null}
          </dl>
        </div>
      </Card>
      {migration ? (
        <MoveToScopes
          caseId={entry.id}
          person={entry.human.label}
          migration={migration}
          knownAgent={knownAgent?.id ? { id: knownAgent.id, label: knownAgent.label } : null}
          system={entry.sources[0] ?? ''}
          actions={{
            move: moveToScopesAction,
            revoke: revokeBorrowedCredentialAction,
            searchAgents: searchAgentsAction,
            searchPeople: searchPeopleAction,
          }}
        />
      ) : null}
      <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <CaseParties entry={entry} />
        <CaseReasons entry={entry} />
      </div>
      <EvidenceTimeline evidence={entry.evidence} eventCount={entry.eventCount} auditLinks={can(actor, 'audit.read')} />
    </>
  );
}
