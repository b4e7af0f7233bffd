import { describe, expect, it } from 'vitest';
import { nhiFilterParams, nhiFilterSchema, shownColumns, NHI_OPTIONAL_COLUMNS } from '../../lib/inventory/schemas';
import { credentialFilterParams, credentialFilterSchema } from '../../lib/credentials/list-schemas';
import { peopleFilterSchema } from '../../lib/people/directory-schemas';
import { accountFilterSchema } from '../../lib/people/schemas';
import { apiKeyFilterSchema } from '../../lib/api-keys/schemas';
import { isPastLastPage, pageCount } from '../../components/ui/pagination';

describe('every list reads its page and filters the same way', () => {
  it.each([
    ['people', peopleFilterSchema, { status: 'bogus' }, 'status'],
    ['people', peopleFilterSchema, { page: '0' }, 'page'],
    ['people', peopleFilterSchema, { page: 'x' }, 'page'],
    ['accounts', accountFilterSchema, { access: 'bogus' }, 'access'],
    ['accounts', accountFilterSchema, { page: '-1' }, 'page'],
    ['API keys', apiKeyFilterSchema, { page: 'x' }, 'page'],
    ['API keys', apiKeyFilterSchema, { page: '1.5' }, 'page'],
  ])('the %s list rejects %j, naming %s', (_list, schema, input, field) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });

  it('reads a blank choice (a select on its first option) as "all"', () => {
    expect(peopleFilterSchema.parse({ status: '', page: '' })).toEqual({ q: '', status: 'all', page: 1 });
    expect(accountFilterSchema.parse({ access: '' })).toEqual({ q: '', access: 'all', page: 1 });
  });
});

describe('the column choice', () => {
  it('reads cols as a list, repeated or comma-separated, without duplicates', () => {
    expect(nhiFilterSchema.parse({ cols: 'kind, system,kind' }).cols).toEqual(['kind', 'system']);
    expect(nhiFilterSchema.parse({ cols: ['kind', 'severity'] }).cols).toEqual(['kind', 'severity']);
    expect(nhiFilterSchema.parse({ cols: '' }).cols).toEqual([]);
    expect(nhiFilterSchema.safeParse({ cols: 'kind,secrets' }).success).toBe(false);
    expect(credentialFilterSchema.parse({ cols: 'holder' }).cols).toEqual(['holder']);
  });

  it('is kept in the links the list writes', () => {
    expect(nhiFilterParams(nhiFilterSchema.parse({ cols: 'standing,kind' }))).toEqual({ cols: 'standing,kind' });
    expect(credentialFilterParams(credentialFilterSchema.parse({ cols: 'kind' }))).toEqual({ cols: 'kind' });
  });

  it('always shows the column the list is sorted by', () => {
    expect([...shownColumns([], NHI_OPTIONAL_COLUMNS, 'severity')]).toEqual(['severity']);
    expect([...shownColumns(['kind'], NHI_OPTIONAL_COLUMNS, 'name')]).toEqual(['kind']);
  });
});

describe('paging', () => {
  it('counts pages, and knows a page past the end from an empty list', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(101, 50)).toBe(3);
    expect(isPastLastPage({ page: 4, pageSize: 50, total: 101 })).toBe(true);
    expect(isPastLastPage({ page: 3, pageSize: 50, total: 101 })).toBe(false);
    expect(isPastLastPage({ page: 2, pageSize: 50, total: 0 })).toBe(false);
  });
});
