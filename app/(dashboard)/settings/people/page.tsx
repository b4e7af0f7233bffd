import type { Metadata } from 'next';
import { Users } from 'lucide-react';
import { requirePagePermission } from '@/lib/auth/session';
import { listAccounts } from '@/lib/people/list';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { SettingsTabs } from '@/components/shell/settings-tabs';
import { AddPersonDialog } from '@/components/people/add-person-dialog';
import { RoleForm } from '@/components/people/role-form';
import { AccessToggle } from '@/components/people/access-toggle';
import { Pagination, PastLastPage, isPastLastPage } from '@/components/ui/pagination';
import { FilterBar, FilterSelect } from '@/components/inventory/filters';
import { InvalidFilters, listingOrInvalid } from '@/components/inventory/invalid-filters';
import { RelativeTime } from '@/components/ui/relative-time';
import { addPersonAction, changeRoleAction, setAccessAction } from './actions';

export const metadata: Metadata = { title: 'People & access' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const BASE_PATH = '/settings/people';
const ACCESS_OPTIONS = [
  { value: 'enabled', label: 'Enabled' },
  { value: 'disabled', label: 'Disabled' },
];

function statusBadge(account: { status: string; signInDisabledAt: Date | null }) {
  if (account.status === 'OFFBOARDED') return <Badge tone="neutral">Offboarded</Badge>;
  if (account.signInDisabledAt) return <Badge tone="danger">Disabled</Badge>;
  return <Badge tone="success">Enabled</Badge>;
}

export default async function PeoplePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission('people.manage_access');
  const listing = await listingOrInvalid(listAccounts(actor, await searchParams));
  const header = (
    <>
      <SettingsTabs role={actor.role} />
      <PageHeader
        title="People & access"
        description="Who may sign in to Steward and with which role. Changes apply on the person's next request and are audited."
        actions={<AddPersonDialog add={addPersonAction} />}
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

  const { filter, total, accounts, pageSize } = listing.value;
  const filtered = filter.q !== '' || filter.access !== 'all';
  const paging = {
    page: filter.page,
    pageSize,
    total,
    params: { q: filter.q, access: filter.access },
    basePath: BASE_PATH,
    noun: total === 1 ? 'account' : 'accounts',
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
            name="access"
            label="Access"
            anyLabel="All accounts"
            value={filter.access === 'all' ? undefined : filter.access}
            options={ACCESS_OPTIONS}
          />
        </FilterBar>
        {isPastLastPage(paging) ? (
          <PastLastPage {...paging} />
        ) : accounts.length === 0 ? (
          <EmptyState icon={Users} title={filtered ? 'No account matches' : 'No accounts yet'}>
            {filtered ? 'Try another name or email, or clear the filters.' : 'Add the first person who may sign in.'}
          </EmptyState>
        ) : (
          <Table caption="Accounts with a dashboard role">
            <thead>
              <tr>
                <Th>Person</Th>
                <Th>Role</Th>
                <Th>Status</Th>
                <Th>Last sign-in</Th>
                <Th className="text-right">Access</Th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <Tr key={account.id} data-testid={`account-${account.email}`}>
                  <Td className="max-w-72">
                    <p className="truncate font-medium text-slate-900" title={account.name}>
                      {account.name}
                      {account.id === actor.humanId ? (
                        <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span>
                      ) : null}
                    </p>
                    <p className="truncate text-xs text-slate-500" title={account.email}>
                      {account.email}
                    </p>
                  </Td>
                  <Td>
                    {account.role ? (
                      <RoleForm
                        humanId={account.id}
                        name={account.name}
                        role={account.role}
                        change={changeRoleAction}
                      />
                    ) : null}
                  </Td>
                  <Td>{statusBadge(account)}</Td>
                  <Td className="text-slate-600">
                    {account.lastSignInAt ? <RelativeTime date={account.lastSignInAt} /> : 'Never'}
                  </Td>
                  <Td className="text-right">
                    {account.status === 'ACTIVE' && account.id !== actor.humanId ? (
                      <AccessToggle
                        humanId={account.id}
                        name={account.name}
                        enabled={!account.signInDisabledAt}
                        setAccess={setAccessAction}
                      />
                    ) : null}
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
