import type { ReactNode } from 'react';
import type { NhiDetail } from '@/lib/inventory/detail';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { NHI_KIND_LABELS } from './labels';
import { HumanStatusBadge, NhiStatusBadge } from './status-badge';

type Nhi = NhiDetail['nhi'];

function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'sm:col-span-2' : undefined}>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-800">{children}</dd>
    </div>
  );
}

export function NhiOverview({ nhi }: { nhi: Nhi }) {
  return (
    <Card className="lg:col-span-2">
      <CardHeader title="Overview" />
      <dl className="grid grid-cols-1 gap-x-6 gap-y-4 px-5 py-4 sm:grid-cols-2">
        <Fact label="Kind">{NHI_KIND_LABELS[nhi.kind]}</Fact>
        <Fact label="Status">
          <NhiStatusBadge status={nhi.status} />
        </Fact>
        <Fact label="System">{nhi.system}</Fact>
        <Fact label="External id">
          <code className="text-xs break-all">{nhi.externalId}</code>
        </Fact>
        <Fact label="Environment">{nhi.environment}</Fact>
        <Fact label="Last seen">{nhi.lastSeenAt ? <RelativeTime date={nhi.lastSeenAt} /> : 'Never'}</Fact>
        <Fact label="Created">
          <RelativeTime date={nhi.createdAt} />
        </Fact>
        {nhi.discoveredAt ? (
          <Fact label="Discovered in logs">
            <RelativeTime date={nhi.discoveredAt} />
          </Fact>
        ) : null}
        <Fact label="Description" wide>
          {nhi.description ?? <span className="text-slate-400">No description</span>}
        </Fact>
      </dl>
    </Card>
  );
}

function Person({ person }: { person: { name: string; email: string; status: 'ACTIVE' | 'OFFBOARDED' } }) {
  return (
    <div className="flex items-start justify-between gap-3">
      <div className="min-w-0">
        <p className="truncate text-sm font-medium text-slate-900" title={person.name}>
          {person.name}
        </p>
        <p className="truncate text-xs text-slate-500" title={person.email}>
          {person.email}
        </p>
      </div>
      <HumanStatusBadge status={person.status} />
    </div>
  );
}

/**
 * Who answers for the NHI: its sponsor (flagged when missing or offboarded) and its co-owners. `sponsorAction`
 * is the control to assign another sponsor, for those who may.
 */
export function NhiAccountability({ nhi, sponsorAction }: { nhi: Nhi; sponsorAction?: ReactNode }) {
  return (
    <Card>
      <CardHeader
        title="Accountability"
        action={nhi.orphaned && nhi.status !== 'DECOMMISSIONED' ? <Badge tone="danger">Orphaned</Badge> : null}
      />
      <div className="space-y-5 px-5 py-4">
        <section>
          <h3 className="mb-2 text-xs font-medium tracking-wide text-slate-500 uppercase">Sponsor</h3>
          {nhi.sponsor ? (
            <>
              <Person person={nhi.sponsor} />
              {nhi.sponsor.status === 'OFFBOARDED' ? (
                <p className="mt-2 rounded-md bg-red-50 px-3 py-2 text-xs text-red-800">
                  The sponsor was offboarded
                  {nhi.sponsor.offboardedAt ? (
                    <>
                      {' '}
                      <RelativeTime date={nhi.sponsor.offboardedAt} />
                    </>
                  ) : null}
                  : nobody active answers for this identity.
                </p>
              ) : null}
            </>
          ) : (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800">
              No sponsor: nobody answers for this identity.
            </p>
          )}
          {sponsorAction ? <div className="mt-3">{sponsorAction}</div> : null}
        </section>
        <section>
          <h3 className="mb-2 text-xs font-medium tracking-wide text-slate-500 uppercase">Owners</h3>
          {nhi.owners.length > 0 ? (
            <ul className="space-y-3">
              {nhi.owners.map((owner) => (
                <li key={owner.human.id}>
                  <Person person={owner.human} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-400">No co-owners</p>
          )}
        </section>
      </div>
    </Card>
  );
}
