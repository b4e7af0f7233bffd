import type { Metadata } from 'next';
import Link from 'next/link';
import { Hourglass } from 'lucide-react';
import { can } from '@/lib/auth/actor';
import { requirePagePermission } from '@/lib/auth/session';
import { activeGrants } from '@/lib/scopes/queue';
import { compactParams } from '@/lib/inventory/schemas';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { isPastLastPage, Pagination, PastLastPage } from '@/components/ui/pagination';
import { InvalidFilters } from '@/components/inventory/invalid-filters';
import { NoMatch } from '@/components/inventory/no-match';
import { ActiveGrants } from '@/components/approvals/active-grants';
import { ApprovalsTabs } from '@/components/approvals/approvals-tabs';
import { revokeNhiGrantsAction, revokeScopeAction, suspendNhiAction } from '../actions';
import { grantParams, parseParams } from '../params';

export const metadata: Metadata = { title: 'Active grants' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const BASE_PATH = '/approvals/grants';

export default async function ActiveGrantsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission('scope.approve');
  const params = parseParams(grantParams, await searchParams);
  const readsAll = can(actor, 'inventory.read_all');
  const header = (
    <>
      <ApprovalsTabs role={actor.role} />
      <PageHeader
        title="Active grants"
        description={
          readsAll
            ? 'Every approved task scope that is still live, the soonest to end first. Revoke one, everything of an agent, or suspend the agent outright.'
            : 'The live task scopes of the agents you sponsor, the soonest to end first. Revoke one, everything of an agent, or suspend the agent outright.'
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

  const { page, nhi } = params.value;
  const listing = await activeGrants(actor, { nhiId: nhi, page });
  const now = new Date();
  const paging = {
    page,
    pageSize: listing.pageSize,
    total: listing.total,
    params: compactParams({ nhi }),
    basePath: BASE_PATH,
    noun: listing.total === 1 ? 'grant' : 'grants',
  };
  const agentName = listing.grants[0]?.nhi.name;
  return (
    <>
      {header}
      {nhi && agentName ? (
        <p className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
          <span>
            Only the grants of <span className="font-medium text-slate-900">{agentName}</span>.
          </span>
          <Link href={BASE_PATH} className="text-brand-700 hover:underline">
            Show every grant
          </Link>
        </p>
      ) : null}
      {listing.grants.length > 0 ? (
        <Card>
          <ActiveGrants
            grants={listing.grants}
            now={now}
            actions={{ revoke: revokeScopeAction, revokeAll: revokeNhiGrantsAction, suspend: suspendNhiAction }}
            mayRevoke={listing.canRevoke}
            maySuspend={can(actor, 'inventory.edit_sponsored')}
            mayLiftSuspension={can(actor, 'inventory.lift_suspension')}
            filtered={Boolean(nhi)}
          />
          <Pagination {...paging} />
        </Card>
      ) : (
        <Card>
          {isPastLastPage(paging) ? (
            <PastLastPage {...paging} />
          ) : nhi ? (
            <NoMatch title="This identity holds no active grant" clearHref={BASE_PATH}>
              Its grants have ended, or it is not one you may see. Clear the filter to see every active grant.
            </NoMatch>
          ) : (
            <EmptyState icon={Hourglass} title="No active grant">
              {readsAll
                ? 'No agent holds a live task scope right now. Approved scopes show here until they expire, complete or are revoked.'
                : 'None of the agents you sponsor holds a live task scope right now. Approved scopes show here until they expire, complete or are revoked.'}
            </EmptyState>
          )}
        </Card>
      )}
    </>
  );
}
