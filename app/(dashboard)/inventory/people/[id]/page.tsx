import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArrowLeft, UserX } from 'lucide-react';
import { can, type HumanActor } from '@/lib/auth/actor';
import { requirePagePermission } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { getPerson, listSponsoredNhis, type PersonDetail, type SponsoredNhisPage } from '@/lib/people/directory';
import { previewOffboarding, readOffboardingRecord } from '@/lib/people/offboarding';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { OffboardDialog } from '@/components/people/offboard-dialog';
import { offboardPersonAction } from './actions';
import { OffboardImpact, roleLabel } from '@/components/people/offboard-impact';
import { InvalidFilters, listingOrInvalid, type Listing } from '@/components/inventory/invalid-filters';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { CREDENTIAL_KIND_LABELS, NHI_KIND_LABELS } from '@/components/inventory/labels';
import {
  CredentialStatusBadge,
  ExpiryBadge,
  HumanStatusBadge,
  NhiStatusBadge,
} from '@/components/inventory/status-badge';

export const metadata: Metadata = { title: 'Person' };

const numberFormat = new Intl.NumberFormat('en-US');

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function findPerson(actor: HumanActor, humanId: string): Promise<PersonDetail> {
  try {
    return await getPerson(actor, { humanId });
  } catch (error) {
    if (error instanceof AppError && (error.status === 404 || error.status === 422)) notFound();
    throw error;
  }
}

function NhiLink({ nhi }: { nhi: { id: string; name: string } }) {
  return (
    <Link
      href={`/inventory/identities/${nhi.id}`}
      className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
      title={nhi.name}
    >
      {nhi.name}
    </Link>
  );
}

function PersonLink({ person }: { person: { id: string; name: string; status: string } }) {
  return (
    <Link href={`/inventory/people/${person.id}`} className="text-slate-900 hover:text-brand-700 hover:underline">
      {person.name}
      {person.status === 'OFFBOARDED' ? <span className="ml-1 text-xs text-slate-500">(offboarded)</span> : null}
    </Link>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

function Profile({ person }: { person: PersonDetail }) {
  return (
    <Card className="mb-6">
      <dl className="grid gap-x-6 gap-y-4 p-5 sm:grid-cols-2 lg:grid-cols-4">
        <Fact label="Status">
          <HumanStatusBadge status={person.status} />
        </Fact>
        <Fact label="Manager">{person.manager ? <PersonLink person={person.manager} /> : 'None'}</Fact>
        <Fact label="Department">{person.department ?? '—'}</Fact>
        <Fact label="Title">{person.title ?? '—'}</Fact>
        <Fact label="Dashboard access">
          {!person.role
            ? 'None'
            : person.status === 'ACTIVE' && !person.signInDisabledAt
              ? roleLabel(person.role)
              : `${roleLabel(person.role)} (ended)`}
        </Fact>
        <Fact label="Last sign-in">{person.lastSignInAt ? <RelativeTime date={person.lastSignInAt} /> : 'Never'}</Fact>
        <Fact label="In Steward since">
          <RelativeTime date={person.createdAt} />
        </Fact>
        {person.offboardedAt ? (
          <Fact label="Offboarded">
            <RelativeTime date={person.offboardedAt} />
          </Fact>
        ) : null}
      </dl>
    </Card>
  );
}

function offboardingSummary(counts: {
  revokedCredentials: number;
  borrowedCredentials: number;
  reassignedNhis: number;
  unsponsoredNhis: number;
}): string {
  const identities = (n: number) => `${n} ${n === 1 ? 'identity' : 'identities'}`;
  const parts = [
    `${counts.revokedCredentials} ${counts.revokedCredentials === 1 ? 'credential' : 'credentials'} revoked${counts.borrowedCredentials ? ` (${counts.borrowedCredentials} borrowed)` : ''}`,
    counts.reassignedNhis ? `${identities(counts.reassignedNhis)} passed to their manager` : null,
    counts.unsponsoredNhis ? `${identities(counts.unsponsoredNhis)} left without a sponsor` : null,
  ];
  return `${parts.filter(Boolean).join(', ')}.`;
}

async function OffboardingRecord({ actor, humanId }: { actor: HumanActor; humanId: string }) {
  const record = await readOffboardingRecord(actor, { humanId });
  if (!record) return null;
  const { details } = record;
  return (
    <div
      role="status"
      className="mb-6 rounded-lg bg-slate-100 px-4 py-3 text-sm text-slate-700 ring-1 ring-slate-200"
      data-testid="offboarding-record"
    >
      <p>
        <span className="font-medium text-slate-900">Offboarded</span> <RelativeTime date={record.at} /> by{' '}
        {record.by ?? 'someone'}
        {details ? <>: “{details.reason}”</> : null}
      </p>
      {details ? <p className="mt-1 text-slate-500">{offboardingSummary(details)}</p> : null}
    </div>
  );
}

function NoneYet({ children }: { children: ReactNode }) {
  return <p className="px-5 py-4 text-sm text-slate-500">{children}</p>;
}

function ShownOf({ shown, total }: { shown: number; total: number }) {
  return total > shown ? (
    <p className="px-4 py-3 text-sm text-slate-500">
      Showing the first {shown} of {total}.
    </p>
  ) : null;
}

function SponsoredTable({ nhis }: { nhis: SponsoredNhisPage['nhis'] }) {
  return (
    <Table caption="Identities they sponsor">
      <thead>
        <tr>
          <Th>Identity</Th>
          <Th>Kind</Th>
          <Th>System</Th>
          <Th>Status</Th>
        </tr>
      </thead>
      <tbody>
        {nhis.map((nhi) => (
          <Tr key={nhi.id}>
            <Td className="max-w-72">
              <NhiLink nhi={nhi} />
            </Td>
            <Td className="whitespace-nowrap text-slate-600">{NHI_KIND_LABELS[nhi.kind]}</Td>
            <Td className="text-slate-600">{nhi.system}</Td>
            <Td>
              <NhiStatusBadge status={nhi.status} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

function SponsoredNhis({
  person,
  listing,
  params,
}: {
  person: PersonDetail;
  listing: Listing<SponsoredNhisPage>;
  params: Record<string, string>;
}) {
  const basePath = `/inventory/people/${person.id}`;
  return (
    <Card className="mb-6">
      <CardHeader
        title={`Identities they sponsor (${numberFormat.format(person.totals.sponsoredNhis)})`}
        description="They are the person accountable for these NHIs."
      />
      {!listing.ok ? (
        <InvalidFilters fields={listing.fields} clearHref={basePath} />
      ) : person.totals.sponsoredNhis === 0 ? (
        <NoneYet>They sponsor no identity.</NoneYet>
      ) : (
        <>
          {listing.value.nhis.length > 0 ? <SponsoredTable nhis={listing.value.nhis} /> : null}
          <Pagination
            page={listing.value.page}
            pageSize={listing.value.pageSize}
            total={listing.value.total}
            params={params}
            basePath={basePath}
            noun={listing.value.total === 1 ? 'identity' : 'identities'}
          />
        </>
      )}
    </Card>
  );
}

function CoOwnedNhis({ person }: { person: PersonDetail }) {
  return (
    <Card className="mb-6">
      <CardHeader
        title={`Identities they co-own (${person.totals.ownedNhis})`}
        description="They are on the team that runs these NHIs, beside the sponsor."
      />
      {person.ownedNhis.length === 0 ? (
        <NoneYet>They co-own no identity.</NoneYet>
      ) : (
        <Table caption="Identities they co-own">
          <thead>
            <tr>
              <Th>Identity</Th>
              <Th>Kind</Th>
              <Th>Sponsor</Th>
              <Th>Owner since</Th>
            </tr>
          </thead>
          <tbody>
            {person.ownedNhis.map(({ nhi, addedAt }) => (
              <Tr key={nhi.id}>
                <Td className="max-w-72">
                  <NhiLink nhi={nhi} />
                </Td>
                <Td className="whitespace-nowrap text-slate-600">{NHI_KIND_LABELS[nhi.kind]}</Td>
                <Td className="max-w-48 truncate text-slate-600">{nhi.sponsor?.name ?? 'None'}</Td>
                <Td className="whitespace-nowrap text-slate-600">
                  <RelativeTime date={addedAt} />
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <ShownOf shown={person.ownedNhis.length} total={person.totals.ownedNhis} />
    </Card>
  );
}

type CredentialRow = PersonDetail['borrowedCredentials'][number];

function CredentialName({ credential }: { credential: CredentialRow }) {
  return (
    <>
      <p className="truncate font-medium text-slate-900" title={credential.name}>
        {credential.name}
      </p>
      <p className="truncate text-xs text-slate-500">
        {CREDENTIAL_KIND_LABELS[credential.kind]} · {credential.system}
      </p>
    </>
  );
}

function BorrowedCredentials({ person }: { person: PersonDetail }) {
  const total = person.totals.borrowedCredentials;
  const active = person.borrowedCredentials.filter((credential) => credential.status === 'ACTIVE').length;
  return (
    <Card className={cn('mb-6', active > 0 && 'border-amber-300')}>
      <CardHeader
        title={`Their credentials used by identities (${numberFormat.format(total)})`}
        description="Borrowed human credentials: a machine acts under their name, so the trail and their access reviews point at them. Move these agents to task-scoped credentials, then revoke."
      />
      {total === 0 ? (
        <NoneYet>No identity uses a credential of theirs.</NoneYet>
      ) : (
        <Table caption="Their credentials used by identities">
          <thead>
            <tr>
              <Th>Credential</Th>
              <Th>Used by</Th>
              <Th className="hidden sm:table-cell">Status</Th>
              <Th className="hidden sm:table-cell">Expires</Th>
            </tr>
          </thead>
          <tbody>
            {person.borrowedCredentials.map((credential) => {
              const live = credential.status === 'ACTIVE';
              return (
                <Tr key={credential.id} className={live ? 'bg-amber-50/60' : undefined}>
                  <Td className="max-w-72">
                    <CredentialName credential={credential} />
                  </Td>
                  <Td className="max-w-64">
                    <div className="flex min-w-0 items-center gap-2">
                      {live ? <Badge tone="warning">Borrowed</Badge> : null}
                      {credential.holderNhi ? <NhiLink nhi={credential.holderNhi} /> : null}
                    </div>
                  </Td>
                  <Td className="hidden sm:table-cell">
                    <CredentialStatusBadge status={credential.status} />
                  </Td>
                  <Td className="hidden whitespace-nowrap sm:table-cell">
                    {live ? <ExpiryBadge expiresAt={credential.expiresAt} /> : '—'}
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <ShownOf shown={person.borrowedCredentials.length} total={total} />
    </Card>
  );
}

function OwnCredentials({ person }: { person: PersonDetail }) {
  const total = person.totals.ownCredentials;
  return (
    <Card className="mb-6">
      <CardHeader
        title={`Credentials only they use (${numberFormat.format(total)})`}
        description="Credentials that authenticate as them and that no identity holds."
      />
      {total === 0 ? (
        <NoneYet>No other credential in the inventory authenticates as them.</NoneYet>
      ) : (
        <Table caption="Credentials only they use">
          <thead>
            <tr>
              <Th>Credential</Th>
              <Th>Status</Th>
              <Th>Expires</Th>
            </tr>
          </thead>
          <tbody>
            {person.ownCredentials.map((credential) => (
              <Tr key={credential.id}>
                <Td className="max-w-72">
                  <CredentialName credential={credential} />
                </Td>
                <Td>
                  <CredentialStatusBadge status={credential.status} />
                </Td>
                <Td className="whitespace-nowrap">
                  {credential.status === 'ACTIVE' ? <ExpiryBadge expiresAt={credential.expiresAt} /> : '—'}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <ShownOf shown={person.ownCredentials.length} total={total} />
    </Card>
  );
}

async function offboardingPreview(actor: HumanActor, person: PersonDetail) {
  const impact = await previewOffboarding(actor, { humanId: person.id });
  return { digest: impact.digest, blocker: impact.blocker, impact: <OffboardImpact impact={impact} /> };
}

export default async function PersonPage({ params, searchParams }: Props) {
  const actor = await requirePagePermission('people.read');
  const { id } = await params;
  const query = await searchParams;
  const person = await findPerson(actor, id);
  const sponsored = await listingOrInvalid(listSponsoredNhis(actor, { humanId: person.id, page: query.page }));
  const mayOffboard = can(actor, 'people.offboard') && person.status === 'ACTIVE' && person.id !== actor.humanId;
  const confirming = mayOffboard && query.offboard === '1';
  const preview = confirming ? await offboardingPreview(actor, person) : null;
  return (
    <>
      <InventoryTabs role={actor.role} />
      <Link
        href="/inventory/people"
        className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800"
      >
        <ArrowLeft className="size-4" aria-hidden />
        People
      </Link>
      <PageHeader
        title={person.name}
        description={<span className="break-words">{person.email}</span>}
        actions={
          mayOffboard ? (
            <Link href={`/inventory/people/${person.id}?offboard=1`} scroll={false} className={buttonClasses('danger')}>
              <UserX className="size-4" aria-hidden />
              Offboard
            </Link>
          ) : null
        }
      />
      {person.status === 'OFFBOARDED' ? <OffboardingRecord actor={actor} humanId={person.id} /> : null}
      <Profile person={person} />
      <BorrowedCredentials person={person} />
      <SponsoredNhis person={person} listing={sponsored} params={{}} />
      <CoOwnedNhis person={person} />
      <OwnCredentials person={person} />
      {can(actor, 'people.offboard') ? (
        <OffboardDialog
          person={{ id: person.id, name: person.name }}
          closeHref={`/inventory/people/${person.id}`}
          preview={preview}
          offboard={offboardPersonAction}
        />
      ) : null}
    </>
  );
}
