import Link from 'next/link';
import type { CredentialListRow } from '@/lib/credentials/list';
import {
  CREDENTIAL_OPTIONAL_COLUMNS,
  CREDENTIAL_SORTS,
  credentialFilterParams,
  type CredentialFilter,
  type CredentialOptionalColumn,
  type CredentialSort,
} from '@/lib/credentials/list-schemas';
import { nextDirection, shownColumns } from '@/lib/inventory/schemas';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { Age } from './age';
import { CREDENTIAL_KIND_LABELS } from './labels';
import { listHref } from './list-href';
import { SortHeader } from './sort-header';
import { CredentialStatusBadge, ExpiryBadge } from './status-badge';
import { STICKY_CELL, STICKY_HEADER } from './sticky-column';

export const CREDENTIAL_COLUMN_LABELS: Record<CredentialOptionalColumn, string> = { kind: 'Kind', holder: 'Holder' };

type Shown = Set<CredentialOptionalColumn>;

/** The optional columns this filter shows: those chosen, and the one the list is sorted by. */
export function credentialColumnsShown(filter: CredentialFilter): Shown {
  return shownColumns(filter.cols, CREDENTIAL_OPTIONAL_COLUMNS, filter.sort);
}

function NhiLink({ nhi }: { nhi: { id: string; name: string } | null }) {
  if (!nhi) return <span className="text-slate-400">—</span>;
  return (
    <Link
      href={`/inventory/identities/${nhi.id}`}
      className="block max-w-44 truncate text-slate-700 hover:text-brand-700 hover:underline"
      title={nhi.name}
    >
      {nhi.name}
    </Link>
  );
}

/** Who the credential authenticates as: a person's (borrowed when an NHI holds it) or an NHI's own. */
function Subject({ credential }: { credential: CredentialListRow }) {
  if (!credential.subjectHuman) return <NhiLink nhi={credential.subjectNhi} />;
  return (
    <span className="flex items-center gap-1.5">
      <span className="block max-w-44 truncate" title={credential.subjectHuman.email}>
        {credential.subjectHuman.email}
      </span>
      <Badge tone={credential.holderNhi ? 'danger' : 'neutral'}>{credential.holderNhi ? 'Borrowed' : 'Person'}</Badge>
    </span>
  );
}

/** Opens the credential's page with the revocation's confirmation, which says what stops working. */
function RevokeLink({ credential }: { credential: CredentialListRow }) {
  if (credential.status !== 'ACTIVE') return null;
  return (
    <Link
      href={`/inventory/credentials/${credential.id}?revoke=1`}
      className={buttonClasses('danger', 'sm')}
      aria-label={`Revoke ${credential.name}`}
    >
      Revoke
    </Link>
  );
}

/** Who holds the credential, under its subject when the holder has no column of its own. */
function HeldBy({ holder }: { holder: CredentialListRow['holderNhi'] }) {
  if (!holder) return null;
  return (
    <p className="mt-0.5 flex items-center gap-1 text-xs text-slate-500">
      held by
      <Link
        href={`/inventory/identities/${holder.id}`}
        className="block max-w-40 truncate text-slate-600 hover:text-brand-700 hover:underline"
        title={holder.name}
      >
        {holder.name}
      </Link>
    </p>
  );
}

function CredentialRow({
  credential,
  mayRevoke,
  shown,
}: {
  credential: CredentialListRow;
  mayRevoke: boolean;
  shown: Shown;
}) {
  const context = shown.has('kind')
    ? credential.system
    : `${CREDENTIAL_KIND_LABELS[credential.kind]} · ${credential.system}`;
  return (
    <Tr data-testid={`credential-${credential.id}`}>
      <Td className={STICKY_CELL}>
        <Link
          href={`/inventory/credentials/${credential.id}`}
          className="block max-w-60 truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
          title={credential.name}
        >
          {credential.name}
        </Link>
        <p className="max-w-60 truncate text-xs text-slate-500" title={context}>
          {context}
        </p>
      </Td>
      {shown.has('kind') ? (
        <Td className="whitespace-nowrap text-slate-600">{CREDENTIAL_KIND_LABELS[credential.kind]}</Td>
      ) : null}
      <Td className="text-slate-600">
        <Subject credential={credential} />
        {shown.has('holder') ? null : <HeldBy holder={credential.holderNhi} />}
      </Td>
      {shown.has('holder') ? (
        <Td>
          <NhiLink nhi={credential.holderNhi} />
        </Td>
      ) : null}
      <Td className="whitespace-nowrap text-slate-600">
        <Age since={credential.issuedAt} />
      </Td>
      <Td className="whitespace-nowrap">
        <ExpiryBadge expiresAt={credential.expiresAt} />
      </Td>
      <Td className="whitespace-nowrap text-slate-600">
        {credential.lastUsedAt ? <RelativeTime date={credential.lastUsedAt} /> : 'Never'}
      </Td>
      <Td>
        <CredentialStatusBadge status={credential.status} />
      </Td>
      {mayRevoke ? (
        <Td className="text-right">
          <RevokeLink credential={credential} />
        </Td>
      ) : null}
    </Tr>
  );
}

/**
 * One page of credentials, dense enough for a laptop: the kind sits under the name and the holder under the
 * subject unless a person shows them as columns of their own. The sortable headers sort through the URL.
 */
export function CredentialTable({
  credentials,
  filter,
  basePath,
  mayRevoke = false,
}: {
  credentials: CredentialListRow[];
  filter: CredentialFilter;
  basePath: string;
  /** Whether the person may revoke the credentials listed: a sponsor's list holds only their own NHIs'. */
  mayRevoke?: boolean;
}) {
  const shown = credentialColumnsShown(filter);
  const column = (label: string, sort: CredentialSort, className?: string) => (
    <SortHeader
      label={label}
      href={listHref(
        basePath,
        credentialFilterParams({ ...filter, sort, dir: nextDirection(filter, sort, CREDENTIAL_SORTS) }),
      )}
      direction={filter.sort === sort ? filter.dir : null}
      className={className}
    />
  );
  return (
    <Table caption="Credentials">
      <thead>
        <tr>
          {column('Name', 'name', STICKY_HEADER)}
          {shown.has('kind') ? column('Kind', 'kind') : null}
          <Th>Authenticates as</Th>
          {shown.has('holder') ? <Th>Holder</Th> : null}
          {column('Age', 'issued')}
          {column('Expiry', 'expires')}
          {column('Last used', 'lastUsed')}
          <Th>Status</Th>
          {mayRevoke ? (
            <Th className="relative text-right">
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {credentials.map((credential) => (
          <CredentialRow key={credential.id} credential={credential} mayRevoke={mayRevoke} shown={shown} />
        ))}
      </tbody>
    </Table>
  );
}
