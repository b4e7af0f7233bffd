import type { Metadata } from 'next';
import Link from 'next/link';
import { Search, Users } from 'lucide-react';
import { requirePagePermission } from '@/lib/auth/session';
import { listPeople } from '@/lib/people/directory';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input, Select } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { HumanStatusBadge } from '@/components/inventory/status-badge';

export const metadata: Metadata = { title: 'People' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

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
  const { filter, total, people, pageSize } = await listPeople(actor, await searchParams);
  const filtered = filter.q !== '' || filter.status !== 'all';
  return (
    <>
      <InventoryTabs role={actor.role} />
      <PageHeader
        title="People"
        description="Everyone in the organisation: the identities they sponsor and the credentials that authenticate as them, borrowed ones included."
      />
      <Card>
        <form className="flex flex-wrap items-center gap-2 border-b border-slate-100 p-4" role="search">
          <div className="relative min-w-56 flex-1">
            <Search className="pointer-events-none absolute top-2.5 left-3 size-4 text-slate-400" aria-hidden />
            <Input
              name="q"
              defaultValue={filter.q}
              placeholder="Search by name or email"
              aria-label="Search by name or email"
              className="pl-9"
            />
          </div>
          <Select name="status" defaultValue={filter.status} aria-label="Status" className="sm:w-40">
            <option value="all">Everyone</option>
            <option value="active">Active</option>
            <option value="offboarded">Offboarded</option>
          </Select>
          <button type="submit" className={buttonClasses('secondary')}>
            Filter
          </button>
          {filtered ? (
            <Link href="/inventory/people" className={buttonClasses('ghost')}>
              Clear
            </Link>
          ) : null}
        </form>
        {people.length === 0 ? (
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
        <Pagination
          page={filter.page}
          pageSize={pageSize}
          total={total}
          params={{ q: filter.q, status: filter.status }}
          basePath="/inventory/people"
          noun="people"
        />
      </Card>
    </>
  );
}
