import type { Metadata } from 'next';
import { ShieldCheck } from 'lucide-react';
import { can } from '@/lib/auth/actor';
import { requirePagePermission } from '@/lib/auth/session';
import { listFindings } from '@/lib/findings/list';
import { findingFilterParams, narrowsFindings } from '@/lib/findings/list-schemas';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { FindingFilters } from '@/components/findings/finding-filters';
import { FindingsTable } from '@/components/findings/findings-table';
import { InvalidFilters, listingOrInvalid } from '@/components/inventory/invalid-filters';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { NoMatch } from '@/components/inventory/no-match';
import { acceptFindingsAction } from './actions';

export const metadata: Metadata = { title: 'Findings' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const BASE_PATH = '/inventory/findings';

export default async function FindingsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission('inventory.read');
  const listing = await listingOrInvalid(listFindings(actor, await searchParams));
  const sponsor = actor.role === 'SPONSOR';
  const header = (
    <>
      <InventoryTabs role={actor.role} />
      <PageHeader
        title="Findings"
        description={
          sponsor
            ? 'The risks found on the identities you sponsor, the most severe and the oldest first.'
            : 'Every risk found across the inventory, the most severe and the oldest first: work the queue from the top.'
        }
      />
    </>
  );
  if (!listing.ok) {
    return (
      <>
        {header}
        <Card>
          <InvalidFilters fields={listing.fields} clearHref={BASE_PATH} />
        </Card>
      </>
    );
  }
  const { filter, total, findings, pageSize } = listing.value;
  const narrowed = narrowsFindings(filter);
  return (
    <>
      {header}
      <Card>
        <FindingFilters filter={filter} basePath={BASE_PATH} narrowed={narrowed} />
        {findings.length > 0 ? (
          <FindingsTable
            findings={findings}
            filter={filter}
            basePath={BASE_PATH}
            acceptAction={can(actor, 'inventory.manage') ? acceptFindingsAction : null}
            now={new Date()}
          />
        ) : total > 0 ? null : narrowed ? (
          <NoMatch title="No finding matches these filters" clearHref={BASE_PATH}>
            Try other filters, or clear them to see every open finding.
          </NoMatch>
        ) : (
          <EmptyState icon={ShieldCheck} title="No open finding">
            {sponsor
              ? 'Nothing is at risk on the identities you sponsor right now.'
              : 'Nothing in the inventory is at risk right now. Findings appear as identities and credentials change.'}
          </EmptyState>
        )}
        <Pagination
          page={filter.page}
          pageSize={pageSize}
          total={total}
          params={findingFilterParams(filter)}
          basePath={BASE_PATH}
          noun={total === 1 ? 'finding' : 'findings'}
        />
      </Card>
    </>
  );
}
