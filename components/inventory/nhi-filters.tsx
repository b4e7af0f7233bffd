import type { NhiFacets } from '@/lib/inventory/list';
import {
  NHI_KINDS,
  NHI_OPTIONAL_COLUMNS,
  NHI_STATUSES,
  compactParams,
  nhiFilterParams,
  type NhiFilter,
} from '@/lib/inventory/schemas';
import { ColumnChooser } from '@/components/ui/column-chooser';
import { FilterBar, FilterCheckbox, FilterSelect, optionsOf, type Option } from './filters';
import { NHI_KIND_LABELS, NHI_STATUS_LABELS } from './labels';
import { NHI_COLUMN_LABELS } from './nhi-table';

const asOptions = (values: string[]): Option[] => values.map((value) => ({ value, label: value }));

/** The identities list's search and filters; the sponsor choice only for those who see every sponsor's. */
export function NhiFilters({
  filter,
  facets,
  basePath,
  narrowed,
  showSponsor,
}: {
  filter: NhiFilter;
  facets: NhiFacets;
  basePath: string;
  narrowed: boolean;
  showSponsor: boolean;
}) {
  const { sort, dir, cols } = nhiFilterParams(filter);
  return (
    <FilterBar
      action={basePath}
      query={filter.q}
      searchLabel="Search by name, external id, system or description"
      searchPlaceholder="Search identities"
      keep={compactParams({ sort, dir, cols })}
      aside={
        <ColumnChooser
          columns={NHI_OPTIONAL_COLUMNS.map((id) => ({ id, label: NHI_COLUMN_LABELS[id] }))}
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
        options={optionsOf(NHI_KINDS, NHI_KIND_LABELS)}
      />
      <FilterSelect
        name="status"
        label="Status"
        anyLabel="All statuses"
        value={filter.status}
        options={optionsOf(NHI_STATUSES, NHI_STATUS_LABELS)}
      />
      <FilterSelect
        name="system"
        label="System"
        anyLabel="All systems"
        value={filter.system}
        options={asOptions(facets.systems)}
      />
      <FilterSelect
        name="environment"
        label="Environment"
        anyLabel="All environments"
        value={filter.environment}
        options={asOptions(facets.environments)}
      />
      {showSponsor ? (
        <FilterSelect
          name="sponsor"
          label="Sponsor"
          anyLabel="Any sponsor"
          value={filter.sponsor}
          options={facets.sponsors.map((sponsor) => ({ value: sponsor.id, label: sponsor.name }))}
        />
      ) : null}
      <FilterCheckbox name="borrowed" label="Borrowed credentials" checked={filter.borrowed} />
      <FilterCheckbox name="orphaned" label="Orphaned" checked={filter.orphaned} />
    </FilterBar>
  );
}
