import type { ReactNode } from 'react';
import Link from 'next/link';
import type { CredentialDetail } from '@/lib/credentials/detail';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { AttributionBadge } from '@/components/inventory/attribution-badge';
import { CREDENTIAL_KIND_LABELS } from '@/components/inventory/labels';
import { Principal } from '@/components/inventory/principal';
import { ExpiryBadge, OutcomeBadge } from '@/components/inventory/status-badge';

type Credential = CredentialDetail['credential'];

function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'sm:col-span-2' : undefined}>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-800">{children}</dd>
    </div>
  );
}

function NhiLink({ nhi }: { nhi: { id: string; name: string } | null }) {
  if (!nhi) return <span className="text-slate-400">Nobody recorded</span>;
  return (
    <Link href={`/inventory/identities/${nhi.id}`} className="text-brand-700 hover:underline">
      {nhi.name}
    </Link>
  );
}

function Subject({ credential }: { credential: Credential }) {
  if (!credential.subjectHuman) return <NhiLink nhi={credential.subjectNhi} />;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <span>
        {credential.subjectHuman.name} · {credential.subjectHuman.email}
      </span>
      <Badge tone={credential.holderNhi ? 'danger' : 'neutral'}>{credential.holderNhi ? 'Borrowed' : 'Person'}</Badge>
    </span>
  );
}

const optionalDate = (date: Date | null) => (date ? <RelativeTime date={date} /> : 'Never');

/** What the credential is, whom it authenticates as, who holds it, and when it was revoked if it was. */
export function CredentialOverview({ credential }: { credential: Credential }) {
  return (
    <Card>
      <CardHeader title="Overview" />
      <dl className="grid grid-cols-1 gap-x-6 gap-y-4 px-5 py-4 sm:grid-cols-2">
        <Fact label="Kind">{CREDENTIAL_KIND_LABELS[credential.kind]}</Fact>
        <Fact label="System">{credential.system}</Fact>
        <Fact label="Authenticates as">
          <Subject credential={credential} />
        </Fact>
        <Fact label="Held by">
          <NhiLink nhi={credential.holderNhi} />
        </Fact>
        <Fact label="Fingerprint">
          <code className="text-xs break-all">{credential.fingerprint}</code>
        </Fact>
        <Fact label="Environment">{credential.environment ?? 'Unknown'}</Fact>
        <Fact label="Issued">
          <RelativeTime date={credential.issuedAt} />
        </Fact>
        <Fact label="Expiry">
          <ExpiryBadge expiresAt={credential.expiresAt} />
        </Fact>
        <Fact label="Last used">{optionalDate(credential.lastUsedAt)}</Fact>
        <Fact label="Last rotated">{optionalDate(credential.lastRotatedAt)}</Fact>
        {credential.revokedAt ? (
          <Fact label="Revoked" wide>
            <RelativeTime date={credential.revokedAt} />
            {credential.revokedBy ? ` by ${credential.revokedBy.name}` : null}
            {credential.revocationReason ? `: ${credential.revocationReason}` : null}
          </Fact>
        ) : null}
      </dl>
    </Card>
  );
}

/** The changes made to the credential and the latest events that used it, with who asked and what acted. */
export function CredentialTrail({ events }: { events: CredentialDetail['events'] }) {
  return (
    <Card>
      <CardHeader
        title="Audit trail"
        description="Changes made to this credential and the latest events that used it"
      />
      {events.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">No audit event names this credential yet.</p>
      ) : (
        <Table caption="Audit events of this credential">
          <thead>
            <tr>
              <Th>When</Th>
              <Th>Action</Th>
              <Th>Initiator (who asked)</Th>
              <Th>Executor (what acted)</Th>
              <Th>Attribution</Th>
              <Th>Outcome</Th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <Tr key={event.seq} data-testid={`event-${event.seq}`}>
                <Td className="whitespace-nowrap text-slate-600">
                  <RelativeTime date={event.occurredAt} />
                </Td>
                <Td className="font-mono text-xs text-slate-800">{event.action}</Td>
                <Td>
                  <Principal type={event.initiatorType} id={event.initiatorId} label={event.initiatorLabel} />
                </Td>
                <Td>
                  <Principal type={event.executorType} id={event.executorId} label={event.executorLabel} />
                </Td>
                <Td className="whitespace-nowrap">
                  <AttributionBadge attribution={event.attribution} />
                </Td>
                <Td>
                  <OutcomeBadge outcome={event.outcome} />
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
