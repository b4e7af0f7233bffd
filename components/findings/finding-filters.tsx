import Link from 'next/link';
import { CONTROLS } from '@/lib/detect/controls';
import {
  CONTROL_IDS,
  FINDING_TYPES,
  SEVERITIES_BY_WEIGHT,
  findingFilterParams,
  type FindingFilter,
} from '@/lib/findings/list-schemas';
import { buttonClasses } from '@/components/ui/button';
import { Select } from '@/components/ui/field';
import { FilterSelect, optionsOf } from '@/components/inventory/filters';
import { FINDING_STATUS_CHOICE_LABELS, FINDING_TYPE_LABELS, SEVERITY_LABELS } from './labels';

const FRAMEWORKS = [...new Set(CONTROL_IDS.map((id) => CONTROLS[id].framework))];

/** Framework controls grouped by framework; each option shows its id, its title on hover. */
function ControlSelect({ value }: { value: string | undefined }) {
  return (
    <Select name="control" defaultValue={value ?? ''} aria-label="Framework control" className="w-auto max-w-56">
      <option value="">Any control</option>
      {FRAMEWORKS.map((framework) => (
        <optgroup key={framework} label={framework}>
          {CONTROL_IDS.filter((id) => CONTROLS[id].framework === framework).map((id) => (
            <option key={id} value={id} title={CONTROLS[id].title}>
              {id}
            </option>
          ))}
        </optgroup>
      ))}
    </Select>
  );
}

/** The queue's filters as a plain GET form: they go to the URL and the list starts again at page 1. */
export function FindingFilters({
  filter,
  basePath,
  narrowed,
}: {
  filter: FindingFilter;
  basePath: string;
  narrowed: boolean;
}) {
  const { sort, dir } = findingFilterParams(filter);
  return (
    <form action={basePath} className="flex flex-wrap items-center gap-2 border-b border-slate-100 p-4" role="search">
      {sort ? <input type="hidden" name="sort" value={sort} /> : null}
      {dir ? <input type="hidden" name="dir" value={dir} /> : null}
      <Select name="status" defaultValue={filter.status} aria-label="Status" className="w-auto">
        {Object.entries(FINDING_STATUS_CHOICE_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      <FilterSelect
        name="severity"
        label="Severity"
        anyLabel="Any severity"
        value={filter.severity}
        options={optionsOf(SEVERITIES_BY_WEIGHT, SEVERITY_LABELS)}
      />
      <FilterSelect
        name="type"
        label="Type"
        anyLabel="All types"
        value={filter.type}
        options={optionsOf(FINDING_TYPES, FINDING_TYPE_LABELS)}
      />
      <ControlSelect value={filter.control} />
      <button type="submit" className={buttonClasses('secondary')}>
        Filter
      </button>
      {narrowed ? (
        <Link href={basePath} className={buttonClasses('ghost')}>
          Clear
        </Link>
      ) : null}
    </form>
  );
}
