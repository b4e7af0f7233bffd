import type { Metadata } from 'next';
import Link from 'next/link';
import { Users } from 'lucide-react';
import { requirePagePermission } from '@/lib/auth/session';
import { listPeople } from '@/lib/people/directory';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination, PastLastPage, isPastLastPage } from '@/components/ui/pagination';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { FilterBar, FilterSelect } from '@/components/inventory/filters';
import { InvalidFilters, listingOrInvalid } from '@/components/inventory/invalid-filters';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { HumanStatusBadge } from '@/components/inventory/status-badge';

export const metadata: Metadata = { title: 'People' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const BASE_PATH = '/inventory/people';
const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'offboarded', label: 'Offboarded' },
];
const numberFormat = new Intl.NumberFormat('en-US');

function CredentialCounts({ active, borrowed }: { active: number; borrowed: number }) {
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-1.5">
      <span className="tabular-nums">{numberFormat.format(active)}</span>
      {borrowed > 0 ? (
        <Badge tone="warning">
          <span title="Active credentials of this person that an NHI uses">
            {numberFormat.format(borrowed)} borrowed
          </span>
        </Badge>
      ) : null}
    </span>
  );
}

export default async function PeopleDirectoryPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission('people.read');
  const listing = await listingOrInvalid(listPeople(actor, await searchParams));
  const header = (
    <>
      <InventoryTabs role={actor.role} />
      <PageHeader
        title="People"
        description="Everyone in the organisation: the identities they sponsor and the credentials that authenticate as them, borrowed ones included."
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

  const { filter, total, people, pageSize } = listing.value;
  const filtered = filter.q !== '' || filter.status !== 'all';
  const paging = {
    page: filter.page,
    pageSize,
    total,
    params: { q: filter.q, status: filter.status },
    basePath: BASE_PATH,
    noun: total === 1 ? 'person' : 'people',
  };
  return (
    <>
      {header}
      <Card>
        <FilterBar
          action={BASE_PATH}
          query={filter.q}
          searchLabel="Search by name or email"
          searchPlaceholder="Search by name or email"
          keep={{}}
          clearHref={BASE_PATH}
          narrowed={filtered}
        >
          <FilterSelect
            name="status"
            label="Status"
            anyLabel="Everyone"
            value={filter.status === 'all' ? undefined : filter.status}
            options={STATUS_OPTIONS}
          />
        </FilterBar>
        {isPastLastPage(paging) ? (
          <PastLastPage {...paging} />
        ) : people.length === 0 ? (
          <EmptyState icon={Users} title={filtered ? 'Nobody matches' : 'No people yet'}>
            {filtered
              ? 'Try another name or email, or clear the filters.'
              : 'People appear here when they are added to Steward, imported, or named as sponsors.'}
          </EmptyState>
        ) : (
          <Table caption="People">
            <thead>
              <tr>
                <Th>Person</Th>
                <Th className="hidden md:table-cell">Department</Th>
                <Th>Status</Th>
                <Th className="hidden md:table-cell">Manager</Th>
                <Th className="text-right">Sponsors</Th>
                <Th className="text-right">Active credentials</Th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <Tr key={person.id} data-testid={`person-${person.email}`}>
                  <Td className="max-w-64">
                    <Link
                      href={`/inventory/people/${person.id}`}
                      className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                      title={person.name}
                    >
                      {person.name}
                    </Link>
                    <p className="truncate text-xs text-slate-500" title={person.email}>
                      {person.email}
                    </p>
                  </Td>
                  <Td className="hidden max-w-48 md:table-cell">
                    <p className="truncate text-slate-700" title={person.department ?? undefined}>
                      {person.department ?? '—'}
                    </p>
                    {person.title ? (
                      <p className="truncate text-xs text-slate-500" title={person.title}>
                        {person.title}
                      </p>
                    ) : null}
                  </Td>
                  <Td>
                    <HumanStatusBadge status={person.status} />
                  </Td>
                  <Td className="hidden max-w-40 md:table-cell">
                    {person.manager ? (
                      <Link
                        href={`/inventory/people/${person.manager.id}`}
                        className="block truncate text-slate-700 hover:text-brand-700 hover:underline"
                        title={person.manager.name}
                      >
                        {person.manager.name}
                        {person.manager.status === 'OFFBOARDED' ? (
                          <span className="ml-1 text-xs text-slate-500">(offboarded)</span>
                        ) : null}
                      </Link>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </Td>
                  <Td className="text-right tabular-nums">{numberFormat.format(person.sponsoredNhiCount)}</Td>
                  <Td className="text-right">
                    <CredentialCounts active={person.activeCredentialCount} borrowed={person.borrowedCredentialCount} />
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
        <Pagination {...paging} />
      </Card>
    </>
  );
}
