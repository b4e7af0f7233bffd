import type { Metadata } from 'next';
import { KeyRound } from 'lucide-react';
import { requirePagePermission } from '@/lib/auth/session';
import { listCredentials } from '@/lib/credentials/list';
import { credentialFilterParams, narrowsCredentials } from '@/lib/credentials/list-schemas';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { buttonClasses } from '@/components/ui/button';
import { can } from '@/lib/auth/actor';
import Link from 'next/link';
import { Pagination, PastLastPage, isPastLastPage } from '@/components/ui/pagination';
import { CredentialFilters } from '@/components/inventory/credential-filters';
import { CredentialTable } from '@/components/inventory/credential-table';
import { InvalidFilters, listingOrInvalid } from '@/components/inventory/invalid-filters';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { NoMatch } from '@/components/inventory/no-match';

export const metadata: Metadata = { title: 'Credentials' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const BASE_PATH = '/inventory/credentials';

export default async function CredentialsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission('inventory.read');
  const listing = await listingOrInvalid(listCredentials(actor, await searchParams));
  const sponsor = actor.role === 'SPONSOR';
  const header = (
    <>
      <InventoryTabs role={actor.role} />
      <PageHeader
        title="Credentials"
        description={`${sponsor ? 'The credentials your identities hold or authenticate with.' : 'Every credential, who it authenticates as and who holds it.'} Standing ones never expire; borrowed ones belong to a person.`}
        actions={
          can(actor, 'inventory.manage') ? (
            <Link href="/inventory/credentials/new" className={buttonClasses('primary')}>
              Add credential
            </Link>
          ) : null
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

  const { filter, total, credentials, pageSize } = listing.value;
  const paging = {
    page: filter.page,
    pageSize,
    total,
    params: credentialFilterParams(filter),
    basePath: BASE_PATH,
    noun: total === 1 ? 'credential' : 'credentials',
  };
  const narrowed = narrowsCredentials(filter);
  return (
    <>
      {header}
      <Card>
        <CredentialFilters filter={filter} basePath={BASE_PATH} narrowed={narrowed} />
        {isPastLastPage(paging) ? (
          <PastLastPage {...paging} />
        ) : credentials.length > 0 ? (
          <CredentialTable
            credentials={credentials}
            filter={filter}
            basePath={BASE_PATH}
            mayRevoke={can(actor, 'credential.revoke')}
          />
        ) : narrowed ? (
          <NoMatch title="No credential matches these filters" clearHref={BASE_PATH}>
            Try another search, or clear the filters to see every credential.
          </NoMatch>
        ) : (
          <EmptyState icon={KeyRound} title="No credentials yet">
            {sponsor
              ? 'None of the identities you sponsor holds or authenticates with a known credential.'
              : 'Credentials appear here when they are added, imported or issued for an approved task scope.'}
          </EmptyState>
        )}
        <Pagination {...paging} />
      </Card>
    </>
  );
}
