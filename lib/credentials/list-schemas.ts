import { z } from 'zod';
import { CredentialKind, CredentialStatus } from '../db/generated/sqlite/enums';
import {
  columnsParam,
  columnsSchema,
  compactParams,
  directionSchema,
  flagSchema,
  optionalChoice,
  pageSchema,
  searchSchema,
  sortParams,
  sortSchema,
  type SortDirection,
} from '../inventory/schemas';

export const CREDENTIAL_KINDS = Object.values(CredentialKind) as [CredentialKind, ...CredentialKind[]];
export const CREDENTIAL_STATUSES = Object.values(CredentialStatus) as [CredentialStatus, ...CredentialStatus[]];

/** Every sortable column of the credentials table, with the direction its header sorts by first. */
export const CREDENTIAL_SORTS = {
  name: 'asc',
  kind: 'asc',
  issued: 'desc',
  expires: 'asc',
  lastUsed: 'desc',
} as const satisfies Record<string, SortDirection>;
export type CredentialSort = keyof typeof CREDENTIAL_SORTS;
export const DEFAULT_CREDENTIAL_SORT: CredentialSort = 'issued';

/** Columns shown only on request: by default the kind sits under the name and the holder under the subject. */
export const CREDENTIAL_OPTIONAL_COLUMNS = ['kind', 'holder'] as const;
export type CredentialOptionalColumn = (typeof CREDENTIAL_OPTIONAL_COLUMNS)[number];

export const credentialFilterSchema = z
  .object({
    q: searchSchema,
    kind: optionalChoice(CREDENTIAL_KINDS),
    status: optionalChoice(CREDENTIAL_STATUSES),
    standing: flagSchema,
    borrowed: flagSchema,
    sort: sortSchema(Object.keys(CREDENTIAL_SORTS) as [CredentialSort, ...CredentialSort[]], DEFAULT_CREDENTIAL_SORT),
    dir: directionSchema,
    cols: columnsSchema(CREDENTIAL_OPTIONAL_COLUMNS),
    page: pageSchema,
  })
  .transform((filter) => ({ ...filter, dir: filter.dir ?? CREDENTIAL_SORTS[filter.sort] }));

export type CredentialFilter = z.output<typeof credentialFilterSchema>;

/** The filter as URL params, without the page: for pagination and sort links. */
export function credentialFilterParams(filter: CredentialFilter): Record<string, string> {
  return compactParams({
    q: filter.q,
    kind: filter.kind,
    status: filter.status,
    standing: filter.standing ? '1' : undefined,
    borrowed: filter.borrowed ? '1' : undefined,
    ...sortParams(filter, CREDENTIAL_SORTS, DEFAULT_CREDENTIAL_SORT),
    cols: columnsParam(filter.cols),
  });
}

export function narrowsCredentials(filter: CredentialFilter): boolean {
  return Boolean(filter.q || filter.kind || filter.status || filter.standing || filter.borrowed);
}
