import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArrowLeft, UserX } from 'lucide-react';
import { can, type HumanActor } from '@/lib/auth/actor';
import { requirePagePermission } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { getPerson, type PersonDetail } from '@/lib/people/directory';
import { previewOffboarding, readOffboardingRecord } from '@/lib/people/offboarding';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { OffboardDialog } from '@/components/people/offboard-dialog';
import { OffboardImpact, roleLabel } from '@/components/people/offboard-impact';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { CREDENTIAL_KIND_LABELS, NHI_KIND_LABELS } from '@/components/inventory/labels';
import {
  CredentialStatusBadge,
  ExpiryBadge,
  HumanStatusBadge,
  NhiStatusBadge,
} from '@/components/inventory/status-badge';

export const metadata: Metadata = { title: 'Person' };

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

function SponsoredNhis({ person }: { person: PersonDetail }) {
  return (
    <Card className="mb-6">
      <CardHeader
        title={`Identities they sponsor (${person.totals.sponsoredNhis})`}
        description="They are the person accountable for these NHIs."
      />
      {person.sponsoredNhis.length === 0 ? (
        <NoneYet>They sponsor no identity.</NoneYet>
      ) : (
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
            {person.sponsoredNhis.map((nhi) => (
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
      )}
      <ShownOf shown={person.sponsoredNhis.length} total={person.totals.sponsoredNhis} />
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

function Credentials({ person }: { person: PersonDetail }) {
  return (
    <Card className="mb-6">
      <CardHeader
        title={`Credentials that authenticate as them (${person.totals.subjectCredentials})`}
        description="A credential used by an identity is a borrowed human credential: a machine acts under their name."
      />
      {person.subjectCredentials.length === 0 ? (
        <NoneYet>No credential in the inventory authenticates as them.</NoneYet>
      ) : (
        <Table caption="Credentials that authenticate as them">
          <thead>
            <tr>
              <Th>Credential</Th>
              <Th>Status</Th>
              <Th>Used by</Th>
              <Th>Expires</Th>
            </tr>
          </thead>
          <tbody>
            {person.subjectCredentials.map((credential) => {
              const borrowed = credential.holderNhi !== null && credential.status === 'ACTIVE';
              return (
                <Tr key={credential.id} className={borrowed ? 'bg-amber-50/60' : undefined}>
                  <Td className="max-w-72">
                    <p className="truncate font-medium text-slate-900" title={credential.name}>
                      {credential.name}
                    </p>
                    <p className="truncate text-xs text-slate-500">
                      {CREDENTIAL_KIND_LABELS[credential.kind]} · {credential.system}
                    </p>
                  </Td>
                  <Td>
                    <CredentialStatusBadge status={credential.status} />
                  </Td>
                  <Td className="max-w-64">
                    {credential.holderNhi ? (
                      <div className="flex min-w-0 items-center gap-2">
                        {borrowed ? <Badge tone="warning">Borrowed</Badge> : null}
                        <NhiLink nhi={credential.holderNhi} />
                      </div>
                    ) : (
                      <span className="text-slate-500">Them only</span>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap">
                    {credential.status === 'ACTIVE' ? <ExpiryBadge expiresAt={credential.expiresAt} /> : '—'}
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <ShownOf shown={person.subjectCredentials.length} total={person.totals.subjectCredentials} />
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
  const person = await findPerson(actor, id);
  const mayOffboard = can(actor, 'people.offboard') && person.status === 'ACTIVE' && person.id !== actor.humanId;
  const confirming = mayOffboard && (await searchParams).offboard === '1';
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
      <SponsoredNhis person={person} />
      <CoOwnedNhis person={person} />
      <Credentials person={person} />
      {can(actor, 'people.offboard') ? (
        <OffboardDialog
          person={{ id: person.id, name: person.name }}
          closeHref={`/inventory/people/${person.id}`}
          preview={preview}
        />
      ) : null}
    </>
  );
}
