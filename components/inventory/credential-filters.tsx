import {
  CREDENTIAL_KINDS,
  CREDENTIAL_OPTIONAL_COLUMNS,
  CREDENTIAL_STATUSES,
  credentialFilterParams,
  type CredentialFilter,
} from '@/lib/credentials/list-schemas';
import { compactParams } from '@/lib/inventory/schemas';
import { ColumnChooser } from '@/components/ui/column-chooser';
import { CREDENTIAL_COLUMN_LABELS } from './credential-table';
import { FilterBar, FilterCheckbox, FilterSelect, optionsOf } from './filters';
import { CREDENTIAL_KIND_LABELS, CREDENTIAL_STATUS_LABELS } from './labels';

export function CredentialFilters({
  filter,
  basePath,
  narrowed,
}: {
  filter: CredentialFilter;
  basePath: string;
  narrowed: boolean;
}) {
  const { sort, dir, cols } = credentialFilterParams(filter);
  return (
    <FilterBar
      action={basePath}
      query={filter.q}
      searchLabel="Search by name, system or fingerprint"
      searchPlaceholder="Search credentials"
      keep={compactParams({ sort, dir, cols })}
      aside={
        <ColumnChooser
          columns={CREDENTIAL_OPTIONAL_COLUMNS.map((id) => ({ id, label: CREDENTIAL_COLUMN_LABELS[id] }))}
          chosen={filter.cols}
          sortedBy={filter.sort}
        />
      }
      clearHref={basePath}
      narrowed={narrowed}
    >
      <FilterSelect
        name="kind"
        label="Kind"
        anyLabel="All kinds"
        value={filter.kind}
        options={optionsOf(CREDENTIAL_KINDS, CREDENTIAL_KIND_LABELS)}
      />
      <FilterSelect
        name="status"
        label="Status"
        anyLabel="All statuses"
        value={filter.status}
        options={optionsOf(CREDENTIAL_STATUSES, CREDENTIAL_STATUS_LABELS)}
      />
      <FilterCheckbox name="standing" label="Standing only" checked={filter.standing} />
      <FilterCheckbox name="borrowed" label="Borrowed only" checked={filter.borrowed} />
    </FilterBar>
  );
}
