import { z } from 'zod';
import { FindingStatus, FindingType, Severity } from '../db/generated/sqlite/enums';
import { CONTROLS, type ControlId } from '../detect/controls';
import {
  compactParams,
  directionSchema,
  optionalChoice,
  pageSchema,
  sortParams,
  sortSchema,
  type SortDirection,
} from '../inventory/schemas';

/** The findings work queue's URL state. Without a status in the address it shows the open findings. */

export const FINDING_TYPES = Object.values(FindingType) as [FindingType, ...FindingType[]];
export const FINDING_STATUSES = Object.values(FindingStatus) as [FindingStatus, ...FindingStatus[]];
/** Most severe first: the order of the default sort. */
export const SEVERITIES_BY_WEIGHT = [Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW] as const;
export const CONTROL_IDS = Object.keys(CONTROLS) as [ControlId, ...ControlId[]];

export const ANY_STATUS = 'all';
const STATUS_CHOICES = [...FINDING_STATUSES, ANY_STATUS] as const;
export type FindingStatusChoice = (typeof STATUS_CHOICES)[number];
export const DEFAULT_FINDING_STATUS: FindingStatusChoice = 'OPEN';

/** `severity` sorts by severity, then the oldest first; `age` by how long ago the finding was detected. */
export const FINDING_SORTS = { severity: 'desc', age: 'desc' } as const satisfies Record<string, SortDirection>;
export type FindingSort = keyof typeof FINDING_SORTS;
export const DEFAULT_FINDING_SORT: FindingSort = 'severity';

export const findingFilterSchema = z
  .object({
    type: optionalChoice(FINDING_TYPES),
    severity: optionalChoice([...SEVERITIES_BY_WEIGHT]),
    status: optionalChoice(STATUS_CHOICES),
    control: optionalChoice(CONTROL_IDS),
    sort: sortSchema(Object.keys(FINDING_SORTS) as [FindingSort, ...FindingSort[]], DEFAULT_FINDING_SORT),
    dir: directionSchema,
    page: pageSchema,
  })
  .transform((filter) => ({
    ...filter,
    status: filter.status ?? DEFAULT_FINDING_STATUS,
    dir: filter.dir ?? FINDING_SORTS[filter.sort],
  }));

export type FindingFilter = z.output<typeof findingFilterSchema>;

/** The filter as URL params, without the page: for pagination and sort links. */
export function findingFilterParams(filter: FindingFilter): Record<string, string> {
  return compactParams({
    type: filter.type,
    severity: filter.severity,
    status: filter.status === DEFAULT_FINDING_STATUS ? undefined : filter.status,
    control: filter.control,
    ...sortParams(filter, FINDING_SORTS, DEFAULT_FINDING_SORT),
  });
}

/** Whether anything narrows the queue beyond its default (open findings). */
export function narrowsFindings(filter: FindingFilter): boolean {
  return Boolean(filter.type || filter.severity || filter.control || filter.status !== DEFAULT_FINDING_STATUS);
}
