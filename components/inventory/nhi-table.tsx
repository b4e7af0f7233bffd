import Link from 'next/link';
import type { NhiListRow } from '@/lib/inventory/list';
import {
  NHI_OPTIONAL_COLUMNS,
  NHI_SORTS,
  nextDirection,
  nhiFilterParams,
  severityOfRank,
  shownColumns,
  type NhiFilter,
  type NhiOptionalColumn,
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

export const NHI_COLUMN_LABELS: Record<NhiOptionalColumn, string> = {
  kind: 'Kind',
  system: 'System',
  environment: 'Environment',
  standing: 'Standing',
  severity: 'Severity',
};

type Shown = Set<NhiOptionalColumn>;

function Sponsor({ sponsor }: { sponsor: NhiListRow['sponsor'] }) {
  if (!sponsor) return <Badge tone="warning">No sponsor</Badge>;
  return (
    <span className="flex items-center gap-1.5">
      <span className="block max-w-32 truncate" title={sponsor.name}>
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

/** Kind, system and environment under the name, less those shown in columns of their own. */
function Context({ nhi, shown }: { nhi: NhiListRow; shown: Shown }) {
  const parts = [
    shown.has('kind') ? null : NHI_KIND_LABELS[nhi.kind],
    shown.has('system') ? null : nhi.system,
    shown.has('environment') ? null : nhi.environment,
  ].filter((part): part is string => Boolean(part));
  if (parts.length === 0) return null;
  const text = parts.join(' · ');
  return (
    <p className="max-w-56 truncate text-xs text-slate-500" title={text}>
      {text}
    </p>
  );
}

function NameCell({ nhi, shown }: { nhi: NhiListRow; shown: Shown }) {
  return (
    <Td className={STICKY_CELL}>
      <Link
        href={`/inventory/identities/${nhi.id}`}
        className="block max-w-56 truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
        title={nhi.name}
      >
        {nhi.name}
      </Link>
      <Context nhi={nhi} shown={shown} />
      {nhi.borrowedCredentialCount > 0 ? (
        <Badge tone="danger" className="mt-1">
          {nhi.borrowedCredentialCount} borrowed
        </Badge>
      ) : null}
    </Td>
  );
}

function CredentialsCell({ nhi, shown }: { nhi: NhiListRow; shown: Shown }) {
  const standing = nhi.standingCredentialCount;
  return (
    <Td className="text-right whitespace-nowrap tabular-nums">
      {nhi.credentialCount}
      {shown.has('standing') || standing === 0 ? null : (
        <p className="text-xs text-amber-800" title="Credentials that never expire">
          {standing} standing
        </p>
      )}
    </Td>
  );
}

function FindingsCell({ nhi, shown }: { nhi: NhiListRow; shown: Shown }) {
  const severity = severityOfRank(nhi.highestSeverityRank);
  return (
    <Td className="text-right whitespace-nowrap tabular-nums">
      <span className="inline-flex items-center justify-end gap-2">
        {shown.has('severity') || !severity ? null : <SeverityBadge severity={severity} />}
        {nhi.openFindingCount}
      </span>
    </Td>
  );
}

function NhiRow({ nhi, showSponsor, shown }: { nhi: NhiListRow; showSponsor: boolean; shown: Shown }) {
  return (
    <Tr data-testid={`nhi-${nhi.id}`}>
      <NameCell nhi={nhi} shown={shown} />
      {shown.has('kind') ? <Td className="whitespace-nowrap text-slate-600">{NHI_KIND_LABELS[nhi.kind]}</Td> : null}
      {shown.has('system') ? (
        <Td className="text-slate-600">
          <Truncated text={nhi.system} />
        </Td>
      ) : null}
      {shown.has('environment') ? (
        <Td className="text-slate-600">
          <Truncated text={nhi.environment} />
        </Td>
      ) : null}
      {showSponsor ? (
        <Td className="text-slate-600">
          <Sponsor sponsor={nhi.sponsor} />
        </Td>
      ) : null}
      <Td>
        <NhiStatusBadge status={nhi.status} />
      </Td>
      <CredentialsCell nhi={nhi} shown={shown} />
      {shown.has('standing') ? <Td className="text-right tabular-nums">{nhi.standingCredentialCount}</Td> : null}
      <Td className="whitespace-nowrap text-slate-600">
        {nhi.lastSeenAt ? <RelativeTime date={nhi.lastSeenAt} /> : 'Never'}
      </Td>
      <FindingsCell nhi={nhi} shown={shown} />
      {shown.has('severity') ? (
        <Td>
          <SeverityBadge severity={severityOfRank(nhi.highestSeverityRank)} />
        </Td>
      ) : null}
    </Tr>
  );
}

/** The optional columns this filter shows: those chosen, and the one the list is sorted by. */
export function nhiColumnsShown(filter: NhiFilter): Shown {
  return shownColumns(filter.cols, NHI_OPTIONAL_COLUMNS, filter.sort);
}

/**
 * One page of identities, dense enough for a laptop: kind, system and environment sit under the name, standing
 * credentials under the count and the highest severity beside the findings, unless a person shows them as
 * columns of their own. Every header but the sponsor's sorts through the URL. `showSponsor` is off for a
 * sponsor, who sees only the identities they sponsor themselves.
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
  const shown = nhiColumnsShown(filter);
  const column = (label: string, sort: NhiSort, className?: string) => (
    <SortHeader
      label={label}
      href={listHref(basePath, nhiFilterParams({ ...filter, sort, dir: nextDirection(filter, sort, NHI_SORTS) }))}
      direction={filter.sort === sort ? filter.dir : null}
      className={className}
    />
  );
  const optional = (id: NhiOptionalColumn, className?: string) =>
    shown.has(id) ? column(NHI_COLUMN_LABELS[id], id, className) : null;
  return (
    <Table caption="Non-human identities">
      <thead>
        <tr>
          {column('Name', 'name', STICKY_HEADER)}
          {optional('kind')}
          {optional('system')}
          {optional('environment')}
          {showSponsor ? <Th>Sponsor</Th> : null}
          {column('Status', 'status')}
          {column('Credentials', 'credentials', 'text-right')}
          {optional('standing', 'text-right')}
          {column('Last seen', 'lastSeen')}
          {column('Findings', 'findings', 'text-right')}
          {optional('severity')}
        </tr>
      </thead>
      <tbody>
        {nhis.map((nhi) => (
          <NhiRow key={nhi.id} nhi={nhi} showSponsor={showSponsor} shown={shown} />
        ))}
      </tbody>
    </Table>
  );
}
