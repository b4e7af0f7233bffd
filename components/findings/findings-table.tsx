'use client';

import { useCallback, useState } from 'react';
import Link from 'next/link';
import type { FindingListRow } from '@/lib/findings/list';
import { FINDING_SORTS, findingFilterParams, type FindingFilter, type FindingSort } from '@/lib/findings/list-schemas';
import { nextDirection } from '@/lib/inventory/schemas';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { formatAge } from '@/components/inventory/age';
import { listHref } from '@/components/inventory/list-href';
import { SeverityBadge } from '@/components/inventory/severity-badge';
import { SortHeader } from '@/components/inventory/sort-header';
import { FindingStatusBadge } from '@/components/inventory/status-badge';
import { AcceptSelected, type AcceptFindingsAction } from './accept-selected';
import { FINDING_TYPE_LABELS } from './labels';

const checkboxClasses = 'size-4 rounded border-slate-300 accent-brand-600';

function Owner({ sponsor }: { sponsor: NonNullable<FindingListRow['nhi']>['sponsor'] }) {
  if (!sponsor) return <Badge tone="warning">No sponsor</Badge>;
  return (
    <span className="flex items-center gap-1.5">
      <Link
        href={`/inventory/people/${sponsor.id}`}
        className="block max-w-40 truncate hover:text-brand-700 hover:underline"
        title={sponsor.name}
      >
        {sponsor.name}
      </Link>
      {sponsor.status === 'OFFBOARDED' ? <Badge tone="danger">Offboarded</Badge> : null}
    </span>
  );
}

/** Below the md breakpoint the identity, owner and age columns fold into the finding's cell. */
const WIDE_ONLY = 'hidden md:table-cell';

function FindingCell({ finding, now }: { finding: FindingListRow; now: Date }) {
  return (
    <>
      <p className="max-w-md font-medium break-words text-slate-900 md:truncate" title={finding.title}>
        {finding.title}
      </p>
      <p className="mt-1 text-xs text-slate-500 md:hidden">
        {finding.nhi ? <IdentityLink nhi={finding.nhi} /> : null}
        {finding.nhi ? ` · ${finding.nhi.sponsor?.name ?? 'No sponsor'} · ` : null}
        {formatAge(finding.detectedAt, now)}
      </p>
      <p className="mt-0.5 max-w-md text-xs break-words text-slate-500 md:truncate">
        {FINDING_TYPE_LABELS[finding.type]}
        {finding.controls.length > 0 ? (
          <span title={finding.controls.map((control) => `${control.id}: ${control.title}`).join('\n')}>
            {' · '}
            {finding.controls.map((control) => control.id).join(', ')}
          </span>
        ) : null}
      </p>
    </>
  );
}

function IdentityLink({ nhi, className }: { nhi: { id: string; name: string }; className?: string }) {
  return (
    <Link
      href={`/inventory/identities/${nhi.id}`}
      className={cn('font-medium text-slate-900 hover:text-brand-700 hover:underline', className)}
      title={nhi.name}
    >
      {nhi.name}
    </Link>
  );
}

function FindingRow({
  finding,
  selectable,
  selected,
  onToggle,
  now,
}: {
  finding: FindingListRow;
  selectable: boolean;
  selected: boolean;
  onToggle: (id: string) => void;
  now: Date;
}) {
  return (
    <Tr data-testid={`finding-row-${finding.id}`} className={selected ? 'bg-brand-50/60' : undefined}>
      {selectable ? (
        <Td className="w-10 pr-0">
          {finding.status === 'OPEN' ? (
            <input
              type="checkbox"
              className={checkboxClasses}
              checked={selected}
              onChange={() => onToggle(finding.id)}
              aria-label={`Select ${finding.title}`}
            />
          ) : null}
        </Td>
      ) : null}
      <Td className="whitespace-nowrap">
        <div className="flex flex-col items-start gap-1">
          <SeverityBadge severity={finding.severity} />
          {finding.status !== 'OPEN' ? <FindingStatusBadge status={finding.status} /> : null}
        </div>
      </Td>
      <Td>
        <FindingCell finding={finding} now={now} />
      </Td>
      <Td className={cn(WIDE_ONLY, 'max-w-56')}>
        {finding.nhi ? (
          <IdentityLink nhi={finding.nhi} className="block truncate" />
        ) : (
          <span className="text-slate-500">{finding.credential?.name ?? '—'}</span>
        )}
      </Td>
      <Td className={cn(WIDE_ONLY, 'text-slate-600')}>{finding.nhi ? <Owner sponsor={finding.nhi.sponsor} /> : '—'}</Td>
      <Td className={cn(WIDE_ONLY, 'whitespace-nowrap text-slate-600')}>
        <time dateTime={finding.detectedAt.toISOString()} title={`Detected ${finding.detectedAt.toISOString()}`}>
          {formatAge(finding.detectedAt, now)}
        </time>
      </Td>
    </Tr>
  );
}

function useSelection(openIds: string[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const visible = openIds.filter((id) => selected.has(id));
  const toggle = useCallback(
    (id: string) =>
      setSelected((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const toggleAll = () => setSelected(visible.length === openIds.length ? new Set() : new Set(openIds));
  const clear = useCallback(() => setSelected(new Set()), []);
  return { visible, toggle, toggleAll, clear };
}

/** The queue's rows. Those who may accept risks select open findings and accept them together. */
export function FindingsTable({
  findings,
  filter,
  basePath,
  acceptAction,
  now,
}: {
  findings: FindingListRow[];
  filter: FindingFilter;
  basePath: string;
  acceptAction: AcceptFindingsAction | null;
  now: Date;
}) {
  const openIds = findings.filter((finding) => finding.status === 'OPEN').map((finding) => finding.id);
  const selection = useSelection(openIds);
  const selectable = acceptAction !== null && openIds.length > 0;
  const sortHref = (column: FindingSort) =>
    listHref(basePath, {
      ...findingFilterParams(filter),
      sort: column,
      dir: nextDirection(filter, column, FINDING_SORTS),
    });
  const direction = (column: FindingSort) => (filter.sort === column ? filter.dir : null);
  const all = selection.visible.length === openIds.length && openIds.length > 0;
  return (
    <>
      {selectable ? (
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-4 py-2.5 text-sm text-slate-600">
          <span aria-live="polite">
            {selection.visible.length === 0
              ? 'Select open findings to accept their risk together.'
              : `${selection.visible.length} selected`}
          </span>
          <AcceptSelected findingIds={selection.visible} action={acceptAction} onAccepted={selection.clear} />
        </div>
      ) : null}
      <Table caption="Findings">
        <thead>
          <tr>
            {selectable ? (
              <Th className="w-10 pr-0">
                <input
                  type="checkbox"
                  className={checkboxClasses}
                  checked={all}
                  onChange={selection.toggleAll}
                  aria-label="Select every open finding on this page"
                />
              </Th>
            ) : null}
            <SortHeader label="Severity" href={sortHref('severity')} direction={direction('severity')} />
            <Th>Finding</Th>
            <Th className={WIDE_ONLY}>Identity</Th>
            <Th className={WIDE_ONLY}>Owner</Th>
            <SortHeader label="Age" href={sortHref('age')} direction={direction('age')} className={WIDE_ONLY} />
          </tr>
        </thead>
        <tbody>
          {findings.map((finding) => (
            <FindingRow
              key={finding.id}
              finding={finding}
              selectable={selectable}
              selected={selection.visible.includes(finding.id)}
              onToggle={selection.toggle}
              now={now}
            />
          ))}
        </tbody>
      </Table>
    </>
  );
}
