import Link from 'next/link';
import { X } from 'lucide-react';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { AUDIT_ATTRIBUTIONS, AUDIT_OUTCOMES, auditHref, type AuditFilters } from '@/lib/audit/explorer-filters';
import { ATTRIBUTION_STYLE } from '@/components/charts/palette';
import { buttonClasses } from '@/components/ui/button';
import { AutoSubmitForm } from '@/components/ui/auto-submit-form';
import { SearchInput } from '@/components/ui/search-input';
import { SyncedSelect } from '@/components/ui/synced-controls';
import { SyncedDayInput } from './filter-inputs';

const KNOWN_SOURCES = ['steward', 'cloudtrail', 'okta', 'github', 'entra', 'gcp'];
const STEWARD_ACTIONS = Object.values(AUDIT_ACTIONS).sort();
const OUTCOME_LABELS = { SUCCESS: 'Success', FAILURE: 'Failure', DENIED: 'Denied' } as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters that narrow the table, the time range and the chosen event left aside. */
export const NARROWING_FILTERS = [
  'initiator',
  'executor',
  'attribution',
  'source',
  'action',
  'resource',
  'outcome',
  'correlation',
  'scope',
  'credential',
  'from',
  'to',
] as const;

export function narrowsEvents(filters: AuditFilters): boolean {
  return NARROWING_FILTERS.some((key) => filters[key] !== undefined);
}

function TextFilter({
  name,
  label,
  value,
  placeholder,
  list,
  className = 'w-44',
}: {
  name: string;
  label: string;
  value: string | undefined;
  placeholder: string;
  list?: string;
  className?: string;
}) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <SearchInput
        name={name}
        query={value ?? ''}
        placeholder={placeholder}
        list={list}
        className={className}
        spellCheck={false}
        autoComplete="off"
      />
    </label>
  );
}

function MomentFilter({ name, label, value }: { name: 'from' | 'to'; label: string; value: string | undefined }) {
  // A date and time from a link (a chart's bar, another tool) stays as typed text: a day picker cannot show it.
  if (value && !DAY.test(value))
    return <TextFilter name={name} label={label} value={value} placeholder="YYYY-MM-DD" className="w-56" />;
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <SyncedDayInput name={name} value={value ?? ''} className="w-40" />
    </label>
  );
}

/** Filters the page keeps without a field of their own, shown as chips that can be removed one by one. */
function KeptFilter({ label, value, href }: { label: string; value: string; href: string }) {
  return (
    <span className="inline-flex max-w-full items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2.5 text-xs text-slate-700 ring-1 ring-slate-200 ring-inset">
      <span className="shrink-0">{label}:</span>
      <span className="max-w-48 truncate font-mono" title={value}>
        {value}
      </span>
      <Link href={href} className="rounded-full p-0.5 hover:bg-slate-200" aria-label={`Remove the ${label} filter`}>
        <X className="size-3" aria-hidden />
      </Link>
    </span>
  );
}

/** Every filter of the audit table, all kept in the address; a change starts again at the newest event. */
export function AuditFilterBar({ filters }: { filters: AuditFilters }) {
  const kept = (['scope', 'credential'] as const).filter((key) => filters[key]);
  return (
    <AutoSubmitForm
      action="/audit"
      className="flex flex-wrap items-end gap-3 border-b border-slate-100 p-4"
      submitLabel="Filter"
      submitClassName={buttonClasses('secondary')}
    >
      {kept.map((key) => (
        <input key={key} type="hidden" name={key} value={filters[key]} />
      ))}
      <TextFilter name="initiator" label="Who asked" value={filters.initiator} placeholder="Id or name as logged" />
      <TextFilter name="executor" label="What acted" value={filters.executor} placeholder="Id or name as logged" />
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Attribution
        <SyncedSelect name="attribution" value={filters.attribution ?? ''} className="w-60">
          <option value="">Any attribution</option>
          {AUDIT_ATTRIBUTIONS.map((attribution) => (
            <option key={attribution} value={attribution}>
              {ATTRIBUTION_STYLE[attribution].label}
            </option>
          ))}
        </SyncedSelect>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Outcome
        <SyncedSelect name="outcome" value={filters.outcome ?? ''} className="w-36">
          <option value="">Any outcome</option>
          {AUDIT_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {OUTCOME_LABELS[outcome]}
            </option>
          ))}
        </SyncedSelect>
      </label>
      <TextFilter
        name="source"
        label="Source"
        value={filters.source}
        placeholder="steward, cloudtrail …"
        list="audit-sources"
        className="w-36"
      />
      <TextFilter
        name="action"
        label="Action"
        value={filters.action}
        placeholder="runtime.authorize"
        list="audit-actions"
      />
      <TextFilter name="resource" label="Resource" value={filters.resource} placeholder="Exactly as recorded" />
      <TextFilter
        name="correlation"
        label="Correlation id"
        value={filters.correlation}
        placeholder="Trace id"
        className="w-48"
      />
      <MomentFilter name="from" label="From (UTC)" value={filters.from} />
      <MomentFilter name="to" label="To (UTC)" value={filters.to} />
      <datalist id="audit-sources">
        {KNOWN_SOURCES.map((source) => (
          <option key={source} value={source} />
        ))}
      </datalist>
      <datalist id="audit-actions">
        {STEWARD_ACTIONS.map((action) => (
          <option key={action} value={action} />
        ))}
      </datalist>
      {narrowsEvents(filters) ? (
        <Link href="/audit" className={buttonClasses('ghost')}>
          Clear
        </Link>
      ) : null}
      {kept.length > 0 ? (
        <div className="flex w-full flex-wrap gap-2">
          {kept.map((key) => (
            <KeptFilter
              key={key}
              label={key === 'scope' ? 'Task scope' : 'Credential'}
              value={filters[key] ?? ''}
              href={auditHref({ ...filters, [key]: undefined, cursor: undefined, seq: undefined })}
            />
          ))}
        </div>
      ) : null}
    </AutoSubmitForm>
  );
}
