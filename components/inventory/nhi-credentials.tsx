import Link from 'next/link';
import type { NhiDetail } from '@/lib/inventory/detail';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { CREDENTIAL_KIND_LABELS } from './labels';
import { CredentialStatusBadge, ExpiryBadge } from './status-badge';

type Credentials = NhiDetail['credentials'];
type Credential = Credentials['rows'][number];

function Identity({ name, self }: { name: string | undefined; self: boolean }) {
  if (self) return <span className="whitespace-nowrap text-slate-500">This identity</span>;
  if (!name) return <span className="text-slate-400">—</span>;
  return (
    <span className="block max-w-56 truncate" title={name}>
      {name}
    </span>
  );
}

/** Who the credential authenticates as: a person's is a borrowed credential. */
function Subject({ credential }: { credential: Credential }) {
  if (!credential.subjectHuman) return <Identity name={credential.subjectNhi?.name} self={credential.subjectIsSelf} />;
  return (
    <span className="flex items-center gap-1.5">
      <span className="block max-w-56 truncate" title={credential.subjectHuman.email}>
        {credential.subjectHuman.email}
      </span>
      <Badge tone="danger">Borrowed</Badge>
    </span>
  );
}

function CredentialRow({ credential, mayRevoke }: { credential: Credential; mayRevoke: boolean }) {
  return (
    <Tr data-testid={`credential-${credential.id}`} className={credential.borrowed ? 'bg-red-50/40' : undefined}>
      <Td>
        <Link
          href={`/inventory/credentials/${credential.id}`}
          className="block max-w-64 truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
          title={credential.name}
        >
          {credential.name}
        </Link>
        <p className="max-w-64 truncate text-xs text-slate-500">
          {CREDENTIAL_KIND_LABELS[credential.kind]} · {credential.system}
        </p>
      </Td>
      <Td className="text-slate-600">
        <Subject credential={credential} />
        <p className="mt-0.5 flex items-center gap-1 text-xs text-slate-500">
          held by <Identity name={credential.holderNhi?.name} self={credential.held} />
        </p>
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
          {credential.status === 'ACTIVE' ? (
            <Link
              href={`/inventory/credentials/${credential.id}?revoke=1`}
              className={buttonClasses('danger', 'sm')}
              aria-label={`Revoke ${credential.name}`}
            >
              Revoke
            </Link>
          ) : null}
        </Td>
      ) : null}
    </Tr>
  );
}

/**
 * The credentials the NHI holds and those that authenticate as it; borrowed ones stand out. `mayRevoke`: the
 * person may revoke this NHI's credentials (the security team, or its sponsor).
 */
export function NhiCredentials({ credentials, mayRevoke = false }: { credentials: Credentials; mayRevoke?: boolean }) {
  const { rows, total } = credentials;
  return (
    <Card>
      <CardHeader
        title="Credentials"
        description={
          rows.length < total
            ? `The ${rows.length} most recent of ${total}, active first`
            : 'Held by this identity or authenticating as it, active first'
        }
      />
      {rows.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">
          This identity holds no known credential and none authenticates as it.
        </p>
      ) : (
        <Table caption="Credentials of this identity">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Authenticates as</Th>
              <Th>Expiry</Th>
              <Th>Last used</Th>
              <Th>Status</Th>
              {mayRevoke ? (
                <Th className="relative text-right">
                  <span className="sr-only">Actions</span>
                </Th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((credential) => (
              <CredentialRow key={credential.id} credential={credential} mayRevoke={mayRevoke} />
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
