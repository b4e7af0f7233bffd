import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../lib/inventory/csv';
import { chartCsv } from '../../lib/charts/csv';
import type { AuditChartsData } from '../../lib/charts/audit-charts';
import { chartCsvHref, decisionFilters, narrowedHref } from '../../lib/charts/links';
import {
  borrowedShare,
  chartRange,
  decisionSeries,
  effectiveSeries,
  keyValue,
  MAX_CHART_DAYS,
  pairMatrix,
  reasonTotals,
  topN,
  type RankedPrincipal,
} from '../../lib/charts/shape';

const TODAY = new Date('2026-12-02T15:30:00Z');

describe('chartRange', () => {
  it('covers the last 90 days up to today by default', () => {
    const range = chartRange({}, TODAY);
    expect(range.days).toHaveLength(90);
    expect(range.to).toBe('2026-12-02');
    expect(range.from).toBe('2026-09-04');
    expect(range.clamped).toBe(false);
  });

  it('takes days and date-times as UTC days, inclusive', () => {
    const range = chartRange({ from: '2026-11-30T23:00:00-02:00', to: '2026-12-02' }, TODAY);
    expect(range.days).toEqual(['2026-12-01', '2026-12-02']);
  });

  it('ends a range with only a start today, and ends 90 days after a range with only an end', () => {
    expect(chartRange({ from: '2026-11-25' }, TODAY).days).toHaveLength(8);
    const onlyEnd = chartRange({ to: '2026-06-30' }, TODAY);
    expect([onlyEnd.from, onlyEnd.to, onlyEnd.days.length]).toEqual(['2026-04-02', '2026-06-30', 90]);
  });

  it('keeps the last days of a range longer than the charts draw', () => {
    const range = chartRange({ from: '2020-01-01', to: '2026-12-02' }, TODAY);
    expect(range.days).toHaveLength(MAX_CHART_DAYS);
    expect(range.to).toBe('2026-12-02');
    expect(range.clamped).toBe(true);
  });
});

describe('effectiveSeries: the borrowed shift', () => {
  const days = ['2026-12-01', '2026-12-02'];

  it('moves each marked event from its stored attribution to AGENT_BORROWED, on its own day', () => {
    const series = effectiveSeries(
      days,
      [
        { day: '2026-12-01', attribution: 'HUMAN', count: 10 },
        { day: '2026-12-01', attribution: 'UNKNOWN', count: 4 },
        { day: '2026-12-02', attribution: 'HUMAN', count: 3 },
        { day: '2026-12-02', attribution: 'AGENT_DELEGATED', count: 5 },
      ],
      [
        { day: '2026-12-01', storedAttribution: 'HUMAN', count: 6 },
        { day: '2026-12-01', storedAttribution: 'UNKNOWN', count: 1 },
        { day: '2026-12-02', storedAttribution: 'HUMAN', count: 3 },
      ],
    );
    expect(series).toEqual([
      { day: '2026-12-01', HUMAN: 4, AGENT_DELEGATED: 0, AGENT_AUTONOMOUS: 0, AGENT_BORROWED: 7, UNKNOWN: 3 },
      { day: '2026-12-02', HUMAN: 0, AGENT_DELEGATED: 5, AGENT_AUTONOMOUS: 0, AGENT_BORROWED: 3, UNKNOWN: 0 },
    ]);
  });

  it('keeps each day’s total, never goes below zero, and ignores days outside the range', () => {
    const series = effectiveSeries(
      days,
      [
        { day: '2026-11-30', attribution: 'HUMAN', count: 9 },
        { day: '2026-12-01', attribution: 'HUMAN', count: 2 },
        { day: '2026-12-01', attribution: 'AGENT_BORROWED', count: 1 },
      ],
      [
        { day: '2026-12-01', storedAttribution: 'HUMAN', count: 5 },
        { day: '2026-12-01', storedAttribution: 'AGENT_BORROWED', count: 1 },
        { day: '2026-11-30', storedAttribution: 'HUMAN', count: 9 },
      ],
    );
    expect(series[0]).toMatchObject({ HUMAN: 0, AGENT_BORROWED: 3 });
    expect(series[1]).toEqual({
      day: '2026-12-02',
      HUMAN: 0,
      AGENT_DELEGATED: 0,
      AGENT_AUTONOMOUS: 0,
      AGENT_BORROWED: 0,
      UNKNOWN: 0,
    });
  });
});

describe('borrowedShare', () => {
  it('divides borrowed actions by all agent actions, and has no share on a day without any', () => {
    const series = effectiveSeries(
      ['2026-12-01', '2026-12-02'],
      [
        { day: '2026-12-01', attribution: 'HUMAN', count: 100 },
        { day: '2026-12-01', attribution: 'AGENT_DELEGATED', count: 2 },
        { day: '2026-12-01', attribution: 'AGENT_AUTONOMOUS', count: 1 },
        { day: '2026-12-01', attribution: 'AGENT_BORROWED', count: 1 },
        { day: '2026-12-02', attribution: 'HUMAN', count: 5 },
      ],
      [],
    );
    expect(borrowedShare(series)).toEqual([
      { day: '2026-12-01', borrowed: 1, agentActions: 4, share: 0.25 },
      { day: '2026-12-02', borrowed: 0, agentActions: 0, share: null },
    ]);
  });
});

describe('topN and keys', () => {
  it('ranks by count, equal counts in key order', () => {
    const rows = [
      { key: 'HUMAN:b', count: 3 },
      { key: 'HUMAN:c', count: 9 },
      { key: 'HUMAN:a', count: 3 },
      { key: 'HUMAN:d', count: 1 },
    ];
    expect(topN(rows, 3).map((row) => row.key)).toEqual(['HUMAN:c', 'HUMAN:a', 'HUMAN:b']);
  });

  it('reads the id or label after the type, colons in a label included', () => {
    expect(keyValue('NHI:cm1abc')).toBe('cm1abc');
    expect(keyValue('HUMAN:arn:aws:iam::1:user/alice')).toBe('arn:aws:iam::1:user/alice');
    expect(keyValue('UNKNOWN:')).toBe('');
  });
});

describe('pairMatrix', () => {
  it('keeps the busiest people and agents, with totals, the largest cell and what falls outside', () => {
    const matrix = pairMatrix(
      [
        { initiatorKey: 'HUMAN:priya', executorKey: 'NHI:review', count: 8 },
        { initiatorKey: 'HUMAN:priya', executorKey: 'NHI:deploy', count: 2 },
        { initiatorKey: 'HUMAN:alice', executorKey: 'NHI:review', count: 3 },
        { initiatorKey: 'HUMAN:bob', executorKey: 'NHI:deploy', count: 1 },
        { initiatorKey: 'HUMAN:alice', executorKey: 'NHI:triage', count: 1 },
      ],
      2,
    );
    expect(matrix.initiatorKeys).toEqual(['HUMAN:priya', 'HUMAN:alice']);
    expect(matrix.executorKeys).toEqual(['NHI:review', 'NHI:deploy']);
    expect(matrix.cells).toEqual([
      [8, 2],
      [3, 0],
    ]);
    expect(matrix.initiatorTotals).toEqual([10, 3]);
    expect(matrix.executorTotals).toEqual([11, 2]);
    expect(matrix.max).toBe(8);
    expect(matrix.outside).toBe(2);
  });

  it('shows the heaviest links, not a person busy with many agents the grid has no room for', () => {
    const matrix = pairMatrix(
      [
        { initiatorKey: 'HUMAN:anna', executorKey: 'NHI:a1', count: 5 },
        { initiatorKey: 'HUMAN:anna', executorKey: 'NHI:a2', count: 5 },
        { initiatorKey: 'HUMAN:bob', executorKey: 'NHI:b', count: 8 },
      ],
      1,
    );
    expect(matrix.initiatorKeys).toEqual(['HUMAN:bob']);
    expect(matrix.executorKeys).toEqual(['NHI:b']);
    expect(matrix.cells).toEqual([[8]]);
    expect(matrix.outside).toBe(10);
  });

  it('is empty without pairs', () => {
    expect(pairMatrix([], 8)).toEqual({
      initiatorKeys: [],
      executorKeys: [],
      cells: [],
      initiatorTotals: [],
      executorTotals: [],
      max: 0,
      outside: 0,
    });
  });
});

describe('decisions', () => {
  const rows = [
    { day: '2026-12-01', decision: 'allow', reason: 'ALLOWED', count: 7 },
    { day: '2026-12-01', decision: 'deny', reason: 'TOKEN_EXPIRED', count: 2 },
    { day: '2026-12-01', decision: 'deny', reason: 'TOKEN_UNKNOWN', count: 5 },
    { day: '2026-12-02', decision: 'deny', reason: 'TOKEN_UNKNOWN', count: 1 },
  ];

  it('counts allowed and denied per day, the denials by reason', () => {
    expect(decisionSeries(['2026-12-01', '2026-12-02'], rows)).toEqual([
      { day: '2026-12-01', allow: 7, deny: 7, denyReasons: { TOKEN_EXPIRED: 2, TOKEN_UNKNOWN: 5 } },
      { day: '2026-12-02', allow: 0, deny: 1, denyReasons: { TOKEN_UNKNOWN: 1 } },
    ]);
  });

  it('totals each reason over the range, the most frequent first', () => {
    expect(reasonTotals(rows)).toEqual([
      { decision: 'allow', reason: 'ALLOWED', count: 7 },
      { decision: 'deny', reason: 'TOKEN_UNKNOWN', count: 6 },
      { decision: 'deny', reason: 'TOKEN_EXPIRED', count: 2 },
    ]);
  });
});

describe('links', () => {
  it('narrows the table from the first page, keeping the other filters', () => {
    const href = narrowedHref(
      { source: 'github', cursor: 'abc', seq: 12 },
      { from: '2026-12-01', to: '2026-12-01', attribution: 'AGENT_BORROWED' },
    );
    expect(href).toBe('/audit?attribution=AGENT_BORROWED&source=github&from=2026-12-01&to=2026-12-01');
  });

  it('opens a day’s denials as DENIED runtime.authorize events', () => {
    expect(narrowedHref({}, decisionFilters('2026-12-01', 'deny'))).toBe(
      '/audit?action=runtime.authorize&outcome=DENIED&from=2026-12-01&to=2026-12-01',
    );
  });

  it('asks for a chart’s CSV over the same days only', () => {
    expect(chartCsvHref('matrix', { from: '2026-11-01', to: '2026-11-30' })).toBe(
      '/audit/charts/matrix?from=2026-11-01&to=2026-11-30',
    );
    expect(chartCsvHref('events', {})).toBe('/audit/charts/events');
  });
});

describe('chartCsv', () => {
  const principal = (key: string, name: string, count: number): RankedPrincipal => ({
    key,
    type: key.startsWith('NHI') ? 'NHI' : 'HUMAN',
    id: null,
    name,
    filter: key.slice(key.indexOf(':') + 1),
    count,
  });
  const events = effectiveSeries(
    ['2026-12-01'],
    [
      { day: '2026-12-01', attribution: 'HUMAN', count: 3 },
      { day: '2026-12-01', attribution: 'AGENT_BORROWED', count: 1 },
    ],
    [],
  );
  const data: AuditChartsData = {
    range: { from: '2026-12-01', to: '2026-12-01', days: 1, clamped: false },
    events,
    borrowedShare: borrowedShare(events),
    initiators: [principal('HUMAN:=HYPERLINK("http://x")', '=HYPERLINK("http://x")', 3)],
    executors: [principal('NHI:agent, the first', 'agent, the first', 4)],
    matrix: {
      initiators: [principal('HUMAN:+alice', '+alice', 2)],
      executors: [principal('NHI:@bot', '@bot', 2)],
      cells: [[2]],
      max: 2,
      outside: 0,
    },
    decisions: {
      days: [{ day: '2026-12-01', allow: 1, deny: 2, denyReasons: { TOKEN_REVOKED: 2 } }],
      reasons: [
        { decision: 'deny', reason: 'TOKEN_REVOKED', count: 2 },
        { decision: 'allow', reason: 'ALLOWED', count: 1 },
      ],
    },
  };

  it('writes each chart’s data with a header row', () => {
    expect(parseCsv(chartCsv('events', data)).map((record) => record.fields)).toEqual([
      ['day', 'human', 'agent_delegated', 'agent_autonomous', 'agent_borrowed', 'unknown', 'total'],
      ['2026-12-01', '3', '0', '0', '1', '0', '4'],
    ]);
    expect(parseCsv(chartCsv('borrowed-share', data))[1].fields).toEqual(['2026-12-01', '1', '1', '1.0000']);
    expect(parseCsv(chartCsv('decisions', data)).map((record) => record.fields)).toEqual([
      ['day', 'allow', 'deny', 'deny_token_revoked'],
      ['2026-12-01', '1', '2', '2'],
    ]);
    expect(parseCsv(chartCsv('executors', data))[1].fields).toEqual([
      '1',
      'agent, the first',
      'NHI',
      '',
      'NHI:agent, the first',
      '4',
    ]);
  });

  it('never leaves a cell a spreadsheet would run as a formula', () => {
    const initiators = parseCsv(chartCsv('initiators', data));
    expect(initiators[1].fields[1]).toBe(`'=HYPERLINK("http://x")`);
    const matrix = parseCsv(chartCsv('matrix', data));
    expect(matrix[1].fields).toEqual([`'+alice`, `'+alice`, `'@bot`, `'@bot`, '2']);
    for (const chart of ['events', 'borrowed-share', 'initiators', 'executors', 'matrix', 'decisions'] as const) {
      for (const record of parseCsv(chartCsv(chart, data)))
        for (const field of record.fields) expect(field).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});
