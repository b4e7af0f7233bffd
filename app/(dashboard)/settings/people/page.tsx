import type { Metadata } from 'next';
import Link from 'next/link';
import { Search, Users } from 'lucide-react';
import { requirePagePermission } from '@/lib/auth/session';
import { listAccounts } from '@/lib/people/list';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input, Select } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { SettingsTabs } from '@/components/shell/settings-tabs';
import { AddPersonDialog } from '@/components/people/add-person-dialog';
import { RoleForm } from '@/components/people/role-form';
import { AccessToggle } from '@/components/people/access-toggle';
import { Pagination } from '@/components/ui/pagination';
import { RelativeTime } from '@/components/ui/relative-time';
import { addPersonAction, changeRoleAction, setAccessAction } from './actions';

export const metadata: Metadata = { title: 'People & access' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function statusBadge(account: { status: string; signInDisabledAt: Date | null }) {
  if (account.status === 'OFFBOARDED') return <Badge tone="neutral">Offboarded</Badge>;
  if (account.signInDisabledAt) return <Badge tone="danger">Disabled</Badge>;
  return <Badge tone="success">Enabled</Badge>;
}

export default async function PeoplePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission('people.manage_access');
  const { filter, total, accounts, pageSize } = await listAccounts(actor, await searchParams);
  const filtered = filter.q !== '' || filter.access !== 'all';
  return (
    <>
      <SettingsTabs role={actor.role} />
      <PageHeader
        title="People & access"
        description="Who may sign in to Steward and with which role. Changes apply on the person's next request and are audited."
        actions={<AddPersonDialog add={addPersonAction} />}
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
          <Select name="access" defaultValue={filter.access} aria-label="Access" className="w-40">
            <option value="all">All accounts</option>
            <option value="enabled">Enabled</option>
            <option value="disabled">Disabled</option>
          </Select>
          <button type="submit" className={buttonClasses('secondary')}>
            Filter
          </button>
          {filtered ? (
            <Link href="/settings/people" className={buttonClasses('ghost')}>
              Clear
            </Link>
          ) : null}
        </form>
        {accounts.length === 0 ? (
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
        <Pagination
          page={filter.page}
          pageSize={pageSize}
          total={total}
          params={{ q: filter.q, access: filter.access }}
          basePath="/settings/people"
          noun="accounts"
        />
      </Card>
    </>
  );
}
