import { describe, expect, it } from 'vitest';
import { detectBorrowedCredentials } from '@/lib/detect/borrowed';
import type { BorrowedCase } from '@/lib/detect/borrowed';
import { NORMALIZERS } from '@/lib/ingest/parse';
import type { NormalizedEvent } from '@/lib/ingest/types';
import { rawHoldoutScenarios } from '@/tests/fixtures/detect/raw-holdout';
import { rawScenarios, type RawScenario } from '@/tests/fixtures/detect/raw-scenarios';

/**
 * Detection on records in each vendor's own format, read by the real parsers: true borrowed credentials of every
 * strength and the look-alikes real logs are full of, scored per format.
 */
const NOW = new Date('2026-12-01T00:00:00Z');
const tuned = rawScenarios();
const holdout = rawHoldoutScenarios();
const scenarios = [...tuned, ...holdout];

function eventsOf(scenario: RawScenario): NormalizedEvent[] {
  return scenario.records.map((record) => NORMALIZERS[scenario.format](record));
}

function run(scenario: RawScenario): BorrowedCase[] {
  return detectBorrowedCredentials(
    eventsOf(scenario),
    { people: [], nhis: [], credentials: [], suppressions: [] },
    { now: NOW },
  );
}

const flaggedOf = (cases: BorrowedCase[]) => cases.filter((found) => found.flagged);

describe('borrowed credentials in raw vendor records', () => {
  it.each(scenarios.filter((s) => s.borrowed && !s.knownLimit).map((s) => [s.name, s] as const))(
    'flags %s',
    (_name, scenario) => {
      const flagged = flaggedOf(run(scenario));
      expect(flagged).toHaveLength(1);
      for (const found of flagged) {
        expect(found.evidence.some((event) => event.role === 'automation')).toBe(true);
        expect(found.reasons.filter((reason) => reason.weight > 0).length).toBeGreaterThan(0);
        for (const reason of found.reasons) expect(reason.message.length).toBeGreaterThan(20);
      }
    },
  );

  it.each(scenarios.filter((s) => !s.borrowed).map((s) => [s.name, s] as const))(
    'leaves alone %s',
    (_name, scenario) => {
      const cases = run(scenario);
      expect(flaggedOf(cases)).toEqual([]);
      if (!scenario.lowAllowed) expect(cases).toEqual([]);
    },
  );

  it.each([
    ['the scenarios detection was tuned on', tuned],
    ['the held-out scenarios', holdout],
  ] as const)('reports precision and recall per format on %s', (label, set) => {
    // A scenario is one credential: a second flagged case for it is a duplicate, counted against precision.
    const rows = new Map<string, { tp: number; fp: number; fn: number; tn: number; duplicates: number }>();
    for (const scenario of set) {
      const row = rows.get(scenario.format) ?? { tp: 0, fp: 0, fn: 0, tn: 0, duplicates: 0 };
      const flagged = flaggedOf(run(scenario)).length;
      if (scenario.borrowed) row[flagged > 0 ? 'tp' : 'fn']++;
      else row[flagged > 0 ? 'fp' : 'tn']++;
      if (scenario.borrowed && flagged > 1) row.duplicates += flagged - 1;
      rows.set(scenario.format, row);
    }
    const lines = [...rows].map(([format, { tp, fp, fn, tn, duplicates }]) => {
      const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
      const casePrecision = tp + fp + duplicates === 0 ? 1 : tp / (tp + fp + duplicates);
      const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
      return `${format.padEnd(10)} precision ${precision.toFixed(2)} (per case ${casePrecision.toFixed(2)}) recall ${recall.toFixed(2)} (TP ${tp} FP ${fp} FN ${fn} TN ${tn}, duplicate cases ${duplicates})`;
    });
    console.info(`borrowed-credential detection on raw records, ${label}:\n${lines.join('\n')}`);
    expect(rows.size).toBe(5);
  });
});
