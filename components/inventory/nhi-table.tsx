import Link from 'next/link';
import type { NhiListRow } from '@/lib/inventory/list';
import {
  NHI_SORTS,
  nextDirection,
  nhiFilterParams,
  severityOfRank,
  type NhiFilter,
  type NhiSort,
} from '@/lib/inventory/schemas';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { NHI_KIND_LABELS } from './labels';
import { listHref } from './list-href';
import { SeverityBadge } from './severity-badge';
import { SortHeader } from './sort-header';
import { NhiStatusBadge } from './status-badge';
import { STICKY_CELL, STICKY_HEADER } from './sticky-column';

function Sponsor({ sponsor }: { sponsor: NhiListRow['sponsor'] }) {
  if (!sponsor) return <Badge tone="warning">No sponsor</Badge>;
  return (
    <span className="flex items-center gap-1.5">
      <span className="block max-w-40 truncate" title={sponsor.name}>
        {sponsor.name}
      </span>
      {sponsor.status === 'OFFBOARDED' ? <Badge tone="danger">Offboarded</Badge> : null}
    </span>
  );
}

function Truncated({ text }: { text: string }) {
  return (
    <span className="block max-w-32 truncate" title={text}>
      {text}
    </span>
  );
}

function NhiRow({ nhi, showSponsor }: { nhi: NhiListRow; showSponsor: boolean }) {
  return (
    <Tr data-testid={`nhi-${nhi.id}`}>
      <Td className={STICKY_CELL}>
        <Link
          href={`/inventory/identities/${nhi.id}`}
          className="block max-w-64 truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
          title={nhi.name}
        >
          {nhi.name}
        </Link>
        {nhi.borrowedCredentialCount > 0 ? (
          <Badge tone="danger" className="mt-1">
            {nhi.borrowedCredentialCount} borrowed
          </Badge>
        ) : null}
      </Td>
      <Td className="whitespace-nowrap text-slate-600">{NHI_KIND_LABELS[nhi.kind]}</Td>
      <Td className="text-slate-600">
        <Truncated text={nhi.system} />
      </Td>
      <Td className="text-slate-600">
        <Truncated text={nhi.environment} />
      </Td>
      {showSponsor ? (
        <Td className="text-slate-600">
          <Sponsor sponsor={nhi.sponsor} />
        </Td>
      ) : null}
      <Td>
        <NhiStatusBadge status={nhi.status} />
      </Td>
      <Td className="text-right tabular-nums">{nhi.credentialCount}</Td>
      <Td className="text-right tabular-nums">{nhi.standingCredentialCount}</Td>
      <Td className="whitespace-nowrap text-slate-600">
        {nhi.lastSeenAt ? <RelativeTime date={nhi.lastSeenAt} /> : 'Never'}
      </Td>
      <Td className="text-right tabular-nums">{nhi.openFindingCount}</Td>
      <Td>
        <SeverityBadge severity={severityOfRank(nhi.highestSeverityRank)} />
      </Td>
    </Tr>
  );
}

/**
 * One page of identities; every header but the sponsor's sorts by its column through the URL. `showSponsor` is
 * off for a sponsor, who sees only the identities they sponsor themselves.
 */
export function NhiTable({
  nhis,
  filter,
  basePath,
  showSponsor,
}: {
  nhis: NhiListRow[];
  filter: NhiFilter;
  basePath: string;
  showSponsor: boolean;
}) {
  const column = (label: string, sort: NhiSort, className?: string) => (
    <SortHeader
      label={label}
      href={listHref(basePath, nhiFilterParams({ ...filter, sort, dir: nextDirection(filter, sort, NHI_SORTS) }))}
      direction={filter.sort === sort ? filter.dir : null}
      className={className}
    />
  );
  return (
    <Table caption="Non-human identities">
      <thead>
        <tr>
          {column('Name', 'name', STICKY_HEADER)}
          {column('Kind', 'kind')}
          {column('System', 'system')}
          {column('Environment', 'environment')}
          {showSponsor ? <Th>Sponsor</Th> : null}
          {column('Status', 'status')}
          {column('Credentials', 'credentials', 'text-right')}
          {column('Standing', 'standing', 'text-right')}
          {column('Last seen', 'lastSeen')}
          {column('Findings', 'findings', 'text-right')}
          {column('Severity', 'severity')}
        </tr>
      </thead>
      <tbody>
        {nhis.map((nhi) => (
          <NhiRow key={nhi.id} nhi={nhi} showSponsor={showSponsor} />
        ))}
      </tbody>
    </Table>
  );
}
