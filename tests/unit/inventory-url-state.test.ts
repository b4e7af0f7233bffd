import { describe, expect, it } from 'vitest';
import {
  NHI_SORTS,
  narrowsNhis,
  nextDirection,
  nhiFilterParams,
  nhiFilterSchema,
  severityOfRank,
} from '../../lib/inventory/schemas';
import { credentialFilterParams, credentialFilterSchema } from '../../lib/credentials/list-schemas';
import { listHref } from '../../components/inventory/list-href';
import { formatAge } from '../../components/inventory/age';

describe('the identities filter', () => {
  it('defaults to the first page by name, ascending', () => {
    expect(nhiFilterSchema.parse({})).toEqual({
      q: '',
      borrowed: false,
      orphaned: false,
      sort: 'name',
      dir: 'asc',
      cols: [],
      page: 1,
    });
  });

  it('treats blank values as "any" (a select left on its first option)', () => {
    const filter = nhiFilterSchema.parse({ kind: '', status: '', system: '', sponsor: '', borrowed: '', page: '' });
    expect(filter).toMatchObject({ kind: undefined, status: undefined, system: undefined, borrowed: false, page: 1 });
  });

  it('sorts a column first in its natural direction: names up, counts and dates down', () => {
    expect(nhiFilterSchema.parse({ sort: 'severity' }).dir).toBe('desc');
    expect(nhiFilterSchema.parse({ sort: 'system' }).dir).toBe('asc');
    expect(nhiFilterSchema.parse({ sort: 'lastSeen', dir: 'asc' }).dir).toBe('asc');
  });

  it.each([
    [{ kind: 'ROBOT' }, 'kind'],
    [{ status: 'active' }, 'status'],
    [{ sort: 'credentialCount' }, 'sort'],
    [{ dir: 'up' }, 'dir'],
    [{ page: '0' }, 'page'],
    [{ page: 'two' }, 'page'],
    [{ borrowed: 'yes' }, 'borrowed'],
    [{ kind: ['AI_AGENT', 'BOT'] }, 'kind'],
    [{ q: 'x'.repeat(201) }, 'q'],
  ])('rejects %j', (input, field) => {
    const result = nhiFilterSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });

  it('writes back only what differs from the defaults, and reads back the same filter', () => {
    const filter = nhiFilterSchema.parse({
      q: ' Payments ',
      kind: 'AI_AGENT',
      borrowed: '1',
      sort: 'lastSeen',
      dir: 'desc',
      page: '4',
    });
    const params = nhiFilterParams(filter);
    expect(params).toEqual({ q: 'Payments', kind: 'AI_AGENT', borrowed: '1', sort: 'lastSeen' });
    expect(nhiFilterSchema.parse(params)).toEqual({ ...filter, page: 1 });
    expect(nhiFilterParams(nhiFilterSchema.parse({ sort: 'name', dir: 'desc' }))).toEqual({ dir: 'desc' });
  });

  it('counts only filters as narrowing, not the sort or the page', () => {
    expect(narrowsNhis(nhiFilterSchema.parse({ sort: 'kind', page: '3' }))).toBe(false);
    expect(narrowsNhis(nhiFilterSchema.parse({ orphaned: '1' }))).toBe(true);
  });
});

describe('the credentials filter', () => {
  it('defaults to the newest issued first', () => {
    expect(credentialFilterSchema.parse({})).toMatchObject({ sort: 'issued', dir: 'desc', page: 1 });
    expect(credentialFilterParams(credentialFilterSchema.parse({ standing: '1', sort: 'expires' }))).toEqual({
      standing: '1',
      sort: 'expires',
    });
  });
});

describe('nextDirection', () => {
  it('flips the current sort and starts any other column in its natural direction', () => {
    expect(nextDirection({ sort: 'name', dir: 'asc' }, 'name', NHI_SORTS)).toBe('desc');
    expect(nextDirection({ sort: 'name', dir: 'desc' }, 'name', NHI_SORTS)).toBe('asc');
    expect(nextDirection({ sort: 'name', dir: 'asc' }, 'severity', NHI_SORTS)).toBe('desc');
  });
});

describe('severityOfRank', () => {
  it('maps the stored rank to the severity, and 0 to none', () => {
    expect([0, 1, 2, 3, 4].map(severityOfRank)).toEqual([null, 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
  });
});

describe('listHref', () => {
  it('leaves empty values out and encodes the rest', () => {
    expect(listHref('/inventory', {})).toBe('/inventory');
    expect(listHref('/inventory', { q: 'a b&c', kind: '' })).toBe('/inventory?q=a+b%26c');
  });
});

describe('formatAge', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  it.each([
    [0, 'Under a day'],
    [1, '1 day'],
    [59, '59 days'],
    [60, '2 months'],
    [729, '24 months'],
    [730, '2 years'],
  ])('%i days old reads "%s"', (days, expected) => {
    expect(formatAge(daysAgo(days), now)).toBe(expected);
  });
});
