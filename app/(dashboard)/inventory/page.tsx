import type { Metadata } from 'next';
import { Boxes, Download } from 'lucide-react';
import { requirePagePermission } from '@/lib/auth/session';
import { EXPORT_ROW_LIMIT } from '@/lib/inventory/export';
import { listNhiFacets, listNhis } from '@/lib/inventory/list';
import { narrowsNhis, nhiFilterParams, type NhiFilter } from '@/lib/inventory/schemas';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/actor';
import Link from 'next/link';
import { Pagination, PastLastPage, isPastLastPage } from '@/components/ui/pagination';
import { InvalidFilters, listingOrInvalid } from '@/components/inventory/invalid-filters';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { listHref } from '@/components/inventory/list-href';
import { NhiFilters } from '@/components/inventory/nhi-filters';
import { NhiTable } from '@/components/inventory/nhi-table';
import { NoMatch } from '@/components/inventory/no-match';

export const metadata: Metadata = { title: 'Inventory' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const BASE_PATH = '/inventory';
const numberFormat = new Intl.NumberFormat('en-US');

function ExportLink({ filter, total }: { filter: NhiFilter; total: number }) {
  return (
    <a href={listHref(`${BASE_PATH}/export`, nhiFilterParams(filter))} className={buttonClasses('secondary')} download>
      <Download className="size-4" aria-hidden />
      Export CSV
      {total > EXPORT_ROW_LIMIT ? ` (first ${numberFormat.format(EXPORT_ROW_LIMIT)})` : null}
    </a>
  );
}

export default async function InventoryPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission('inventory.read');
  const [listing, facets] = await Promise.all([
    listingOrInvalid(listNhis(actor, await searchParams)),
    listNhiFacets(actor),
  ]);
  const sponsor = actor.role === 'SPONSOR';
  const header = (
    <>
      <InventoryTabs role={actor.role} />
      <PageHeader
        title="Inventory"
        description={
          sponsor
            ? 'The non-human identities you sponsor: what they hold, when they were last seen, and what is at risk.'
            : 'Every non-human identity: who sponsors it, what it holds, when it was last seen, and what is at risk.'
        }
        actions={
          <>
            {listing.ok && listing.value.total > 0 ? (
              <ExportLink filter={listing.value.filter} total={listing.value.total} />
            ) : null}
            {can(actor, 'inventory.manage') ? (
              <>
                <Link href="/inventory/import" className={buttonClasses('secondary')}>
                  Import CSV
                </Link>
                <Link href="/inventory/identities/new" className={buttonClasses('primary')}>
                  Add identity
                </Link>
              </>
            ) : null}
          </>
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

  const { filter, total, nhis, pageSize } = listing.value;
  const paging = {
    page: filter.page,
    pageSize,
    total,
    params: nhiFilterParams(filter),
    basePath: BASE_PATH,
    noun: total === 1 ? 'identity' : 'identities',
  };
  const narrowed = narrowsNhis(filter);
  return (
    <>
      {header}
      <Card>
        <NhiFilters filter={filter} facets={facets} basePath={BASE_PATH} narrowed={narrowed} showSponsor={!sponsor} />
        {isPastLastPage(paging) ? (
          <PastLastPage {...paging} />
        ) : nhis.length > 0 ? (
          <NhiTable nhis={nhis} filter={filter} basePath={BASE_PATH} showSponsor={!sponsor} />
        ) : narrowed ? (
          <NoMatch title="No identity matches these filters" clearHref={BASE_PATH}>
            Try another search, or clear the filters to see every identity.
          </NoMatch>
        ) : (
          <EmptyState icon={Boxes} title="The inventory is empty">
            {sponsor
              ? 'You do not sponsor any non-human identity yet.'
              : 'Identities appear here when they are added, imported, upserted through the API or discovered in logs.'}
          </EmptyState>
        )}
        <Pagination {...paging} />
      </Card>
    </>
  );
}
