import { FilterBar, FilterSelect } from '@/components/inventory/filters';
import { SyncedCheckbox } from '@/components/ui/synced-controls';
import { CASE_CONFIDENCES, CASE_STATUSES, CASE_STATUS, CONFIDENCE } from './labels';

export type CaseListParams = { q: string; status: string; confidence: string; include: string };

const STATUS_OPTIONS = CASE_STATUSES.map((status) => ({ value: status, label: CASE_STATUS[status].label }));
const CONFIDENCE_OPTIONS = CASE_CONFIDENCES.map((confidence) => ({
  value: confidence,
  label: `${CONFIDENCE[confidence].label} confidence`,
}));

export function narrowsCases(params: CaseListParams): boolean {
  return Object.values(params).some((value) => value !== '');
}

/** Search, status, confidence and whether informational cases show, all kept in the address. */
export function CaseFilters({ params, basePath }: { params: CaseListParams; basePath: string }) {
  return (
    <FilterBar
      action={basePath}
      query={params.q}
      searchLabel="Search cases"
      searchPlaceholder="Person, credential, agent or user agent"
      keep={{}}
      clearHref={basePath}
      narrowed={narrowsCases(params)}
    >
      <FilterSelect
        name="status"
        label="Status"
        anyLabel="Any status"
        value={params.status || undefined}
        options={STATUS_OPTIONS}
      />
      <FilterSelect
        name="confidence"
        label="Confidence"
        anyLabel="High and medium"
        value={params.confidence || undefined}
        options={CONFIDENCE_OPTIONS}
      />
      <label className="inline-flex items-center gap-2 px-1 text-sm whitespace-nowrap text-slate-700">
        <SyncedCheckbox
          name="include"
          value="all"
          checked={params.include === 'all'}
          className="size-4 rounded border-slate-300 accent-brand-600"
        />
        Informational and suppressed too
      </label>
    </FilterBar>
  );
}
