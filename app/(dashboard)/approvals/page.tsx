import type { Metadata } from 'next';
import Link from 'next/link';
import { Inbox } from 'lucide-react';
import { can } from '@/lib/auth/actor';
import { requirePagePermission } from '@/lib/auth/session';
import { agentHistory, pendingApprovals, type AgentHistory } from '@/lib/scopes/queue';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { isPastLastPage, Pagination, PastLastPage } from '@/components/ui/pagination';
import { InvalidFilters } from '@/components/inventory/invalid-filters';
import { ApprovalsTabs } from '@/components/approvals/approvals-tabs';
import { PendingRequest } from '@/components/approvals/pending-request';
import { approveScopeAction, denyScopeAction } from './actions';
import { parseParams, queueParams } from './params';

export const metadata: Metadata = { title: 'Approvals' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const BASE_PATH = '/approvals';
const PAGE_SIZE = 10;

export default async function ApprovalsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission('scope.approve');
  const params = parseParams(queueParams, await searchParams);
  const securityTeam = can(actor, 'scope.approve_high_risk');
  const header = (
    <>
      <ApprovalsTabs role={actor.role} />
      <PageHeader
        title="Approvals"
        description={
          securityTeam
            ? 'Every pending task scope, oldest first, the ones you may decide on at the top: second approvals for risky state-changing scopes are the security team’s.'
            : 'The task scopes the agents you sponsor ask for, oldest first. Grant what the task needs for as long as it needs, or deny with a reason.'
        }
      />
    </>
  );
  if (!params.ok)
    return (
      <>
        {header}
        <Card>
          <InvalidFilters fields={params.fields} clearHref={BASE_PATH} />
        </Card>
      </>
    );

  const pending = await pendingApprovals(actor);
  const queue = [...pending.filter((scope) => !scope.blockedReason), ...pending.filter((scope) => scope.blockedReason)];
  const { page } = params.value;
  const paging = { page, pageSize: PAGE_SIZE, total: queue.length, params: {}, basePath: BASE_PATH };
  const noun = queue.length === 1 ? 'request' : 'requests';

  if (queue.length === 0)
    return (
      <>
        {header}
        <Card>
          <EmptyState
            icon={Inbox}
            title="Nothing waits for you"
            action={
              <Link href="/approvals/grants" className={buttonClasses('secondary')}>
                See the active grants
              </Link>
            }
          >
            {securityTeam
              ? 'No agent is waiting for a task scope. New requests appear here as agents make them.'
              : 'None of the agents you sponsor is waiting for a task scope. When one asks, its request appears here.'}
          </EmptyState>
        </Card>
      </>
    );

  if (isPastLastPage(paging))
    return (
      <>
        {header}
        <Card>
          <PastLastPage {...paging} noun={noun} />
        </Card>
      </>
    );

  const histories = new Map<string, Promise<AgentHistory>>();
  const historyOf = (nhiId: string) => {
    const known = histories.get(nhiId) ?? agentHistory(actor, nhiId);
    histories.set(nhiId, known);
    return known;
  };
  const shown = await Promise.all(
    queue
      .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
      .map(async (scope) => ({ scope, history: await historyOf(scope.nhi.id) })),
  );
  const actions = { approve: approveScopeAction, deny: denyScopeAction };
  return (
    <>
      {header}
      <div className="space-y-4">
        {shown.map(({ scope, history }) => (
          <PendingRequest
            key={scope.id}
            scope={scope}
            history={history}
            actions={actions}
            mayApproveHighRisk={securityTeam}
          />
        ))}
      </div>
      {queue.length > PAGE_SIZE ? (
        <Card className="mt-4">
          <Pagination {...paging} noun={noun} />
        </Card>
      ) : null}
    </>
  );
}
