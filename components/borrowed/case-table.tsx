import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { formatRelative } from '@/components/ui/relative-time';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { CaseStatusBadge, ConfidenceBadge } from './badges';
import { credentialKindLabel } from './labels';
import { utcDateTime } from './time';
import type { CaseSummary } from './types';

const numberFormat = new Intl.NumberFormat('en-US');

/** Below the md breakpoint the person, agents, activity and status fold into the credential's cell. */
const WIDE_ONLY = 'hidden md:table-cell';

export function PersonName({ human, className }: { human: CaseSummary['human']; className?: string }) {
  if (human.id)
    return (
      <Link
        href={`/inventory/people/${human.id}`}
        className={cn('font-medium text-slate-900 hover:text-brand-700 hover:underline', className)}
        title={human.email ?? human.label}
      >
        {human.label}
      </Link>
    );
  return (
    <span className={cn('font-medium text-slate-900', className)} title="Not in Steward’s directory yet">
      {human.label}
    </span>
  );
}

/** What tells a person apart beyond their label: their email, else a log's name for them that says more. */
function personDetail(human: CaseSummary['human']): string | undefined {
  if (human.email && human.email !== human.label) return human.email;
  return human.externalIds.find((externalId) => externalId !== human.label && !externalId.endsWith(human.label));
}

function PersonCell({ human }: { human: CaseSummary['human'] }) {
  const detail = personDetail(human);
  return (
    <div className="max-w-56 min-w-0">
      <PersonName human={human} className="line-clamp-2 break-all" />
      {detail ? (
        <p className="truncate text-xs text-slate-500" title={detail}>
          {detail}
        </p>
      ) : null}
      {human.id ? null : <p className="text-xs text-slate-500">Not in the directory</p>}
    </div>
  );
}

export function agentsSummary(agents: CaseSummary['agents']): string {
  if (agents.length === 0) return 'Unidentified automation';
  const [first, ...rest] = agents;
  return rest.length === 0 ? first.label : `${first.label} and ${rest.length} more`;
}

function AgentsCell({ agents }: { agents: CaseSummary['agents'] }) {
  const first = agents[0];
  return (
    <div className="max-w-56 min-w-0" title={agents.map((agent) => agent.userAgent ?? agent.label).join('\n')}>
      {first?.id ? (
        <Link
          href={`/inventory/identities/${first.id}`}
          className="block truncate text-slate-800 hover:text-brand-700 hover:underline"
        >
          {first.label}
        </Link>
      ) : (
        <p className="truncate text-slate-800">{first?.label ?? 'Unidentified automation'}</p>
      )}
      {agents.length > 1 ? (
        <p className="text-xs text-slate-500">and {agents.length - 1} more</p>
      ) : first?.userAgent && first.userAgent !== first.label ? (
        <p className="truncate font-mono text-xs text-slate-500">{first.userAgent}</p>
      ) : null}
    </div>
  );
}

function CredentialCell({ entry, now }: { entry: CaseSummary; now: Date }) {
  return (
    <div className="min-w-0 md:max-w-60">
      <Link
        href={`/borrowed/${encodeURIComponent(entry.id)}`}
        className="block font-medium text-slate-900 hover:text-brand-700 hover:underline"
      >
        {credentialKindLabel(entry.credential.kind)}
        <span
          className="mt-0.5 block truncate font-mono text-xs font-normal text-slate-600"
          title={entry.credential.externalId}
        >
          {entry.credential.externalId}
        </span>
      </Link>
      <div className="mt-1.5 space-y-1 text-xs text-slate-500 md:hidden">
        <p className="truncate">
          <PersonName human={entry.human} /> · used by {agentsSummary(entry.agents)}
        </p>
        <p>
          Last seen {formatRelative(new Date(entry.lastSeen), now)} · {numberFormat.format(entry.eventCount)} events
        </p>
        <div className="flex flex-wrap items-center gap-1.5">
          <ConfidenceBadge confidence={entry.confidence} />
          <CaseStatusBadge status={entry.status} />
          {entry.assignee ? <span className="truncate">{entry.assignee.name}</span> : null}
        </div>
      </div>
    </div>
  );
}

function CaseRow({ entry, now }: { entry: CaseSummary; now: Date }) {
  return (
    <Tr data-testid={`case-row-${entry.id}`}>
      <Td>
        <CredentialCell entry={entry} now={now} />
      </Td>
      <Td className={WIDE_ONLY}>
        <PersonCell human={entry.human} />
      </Td>
      <Td className={WIDE_ONLY}>
        <AgentsCell agents={entry.agents} />
      </Td>
      <Td className={cn(WIDE_ONLY, 'whitespace-nowrap')}>
        <ConfidenceBadge confidence={entry.confidence} />
        {entry.suppression ? <p className="mt-1 text-xs text-slate-500">Suppressed</p> : null}
      </Td>
      <Td className={cn(WIDE_ONLY, 'whitespace-nowrap text-slate-600')}>
        <time dateTime={entry.lastSeen} title={`Last seen ${utcDateTime(entry.lastSeen)}`}>
          {formatRelative(new Date(entry.lastSeen), now)}
        </time>
        <p className="text-xs text-slate-500">
          since{' '}
          <time dateTime={entry.firstSeen} title={`First seen ${utcDateTime(entry.firstSeen)}`}>
            {formatRelative(new Date(entry.firstSeen), now)}
          </time>
        </p>
      </Td>
      <Td className={cn(WIDE_ONLY, 'text-right text-slate-700 tabular-nums')}>
        {numberFormat.format(entry.eventCount)}
      </Td>
      <Td className={WIDE_ONLY}>
        <CaseStatusBadge status={entry.status} />
        <p className="mt-1 max-w-36 truncate text-xs text-slate-500" title={entry.assignee?.name}>
          {entry.assignee ? entry.assignee.name : 'Unassigned'}
        </p>
      </Td>
    </Tr>
  );
}

/** One row per case: which credential, whose, used by what, how sure, how recent, and where the work stands. */
export function CaseTable({ cases, now }: { cases: CaseSummary[]; now: Date }) {
  return (
    <Table caption="Borrowed-credential cases">
      <thead>
        <tr>
          <Th>Credential</Th>
          <Th className={WIDE_ONLY}>Person</Th>
          <Th className={WIDE_ONLY}>Used by</Th>
          <Th className={WIDE_ONLY}>Confidence</Th>
          <Th className={WIDE_ONLY}>Last seen</Th>
          <Th className={cn(WIDE_ONLY, 'text-right')}>Events</Th>
          <Th className={WIDE_ONLY}>Status</Th>
        </tr>
      </thead>
      <tbody>
        {cases.map((entry) => (
          <CaseRow key={entry.id} entry={entry} now={now} />
        ))}
      </tbody>
    </Table>
  );
}
