import type { Metadata } from 'next';
import Link from 'next/link';
import { KeySquare } from 'lucide-react';
import { requirePagePermission } from '@/lib/auth/session';
import { listApiKeys } from '@/lib/api-keys/list';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination, PastLastPage, isPastLastPage } from '@/components/ui/pagination';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { SettingsTabs } from '@/components/shell/settings-tabs';
import { InvalidFilters, listingOrInvalid } from '@/components/inventory/invalid-filters';
import { CreateApiKeyDialog } from '@/components/api-keys/create-api-key-dialog';
import { KEY_KINDS } from '@/components/api-keys/kinds';
import { KeyStatus } from '@/components/api-keys/key-status';
import { RevokeApiKeyButton } from '@/components/api-keys/revoke-api-key-button';
import { createApiKeyAction, revokeApiKeyAction, searchNhisAction } from './actions';

export const metadata: Metadata = { title: 'API keys' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const BASE_PATH = '/settings/api-keys';

export default async function ApiKeysPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission('apikey.manage');
  const listing = await listingOrInvalid(listApiKeys(actor, await searchParams));
  const header = (
    <>
      <SettingsTabs role={actor.role} />
      <PageHeader
        title="API keys"
        description="Keys for agents, log collectors, automations and auditors. Each kind may do one kind of thing; a secret is shown once and only its hash is kept."
        actions={<CreateApiKeyDialog actions={{ create: createApiKeyAction, searchNhis: searchNhisAction }} />}
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

  const { filter, total, keys, pageSize } = listing.value;
  const paging = { page: filter.page, pageSize, total, params: {}, basePath: BASE_PATH, noun: 'keys' };
  return (
    <>
      {header}
      <Card>
        {isPastLastPage(paging) ? (
          <PastLastPage {...paging} />
        ) : keys.length === 0 ? (
          <EmptyState icon={KeySquare} title="No API keys yet">
            Create a key for each agent, collector or automation that calls Steward’s API.
          </EmptyState>
        ) : (
          <Table caption="API keys">
            <thead>
              <tr>
                <Th>Key</Th>
                <Th>Identity</Th>
                <Th className="hidden md:table-cell">Created</Th>
                <Th>Last used</Th>
                <Th>Status</Th>
                {/* Positioned, so that the hidden label stays inside the scrolling table on narrow screens. */}
                <Th className="relative text-right">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <Tr key={key.id} data-testid={`api-key-${key.prefix}`}>
                  <Td className="max-w-64">
                    <p className="truncate font-medium text-slate-900" title={key.name}>
                      {key.name}
                    </p>
                    <p className="mt-1 flex items-center gap-2">
                      <Badge tone="brand">{KEY_KINDS[key.kind].label}</Badge>
                      <span className="font-mono text-xs text-slate-500">{key.prefix}…</span>
                    </p>
                  </Td>
                  <Td className="max-w-40">
                    {key.nhi ? (
                      <Link
                        href={`/inventory/identities/${key.nhi.id}`}
                        className="block truncate text-slate-700 hover:text-brand-700 hover:underline"
                        title={key.nhi.name}
                      >
                        {key.nhi.name}
                      </Link>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </Td>
                  <Td className="hidden max-w-48 md:table-cell">
                    <p className="text-slate-700">
                      <RelativeTime date={key.createdAt} />
                    </p>
                    <p className="truncate text-xs text-slate-500" title={key.createdBy?.email}>
                      by {key.createdBy?.name ?? 'a former account'}
                    </p>
                  </Td>
                  <Td className="whitespace-nowrap text-slate-600">
                    {key.lastUsedAt ? <RelativeTime date={key.lastUsedAt} /> : 'Never'}
                  </Td>
                  <Td className="whitespace-nowrap">
                    <KeyStatus apiKey={key} />
                  </Td>
                  <Td className="text-right">
                    <RevokeApiKeyButton
                      revoke={revokeApiKeyAction}
                      keyId={key.id}
                      name={key.name}
                      prefix={key.prefix}
                      revocable={key.status === 'ACTIVE'}
                    />
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
