import { describe, expect, it } from 'vitest';
import { detectBorrowedCredentials } from '@/lib/detect/borrowed';
import { volumeEvents } from '@/tests/fixtures/detect/volume';
import { NOW } from '@/tests/fixtures/detect/scenarios';

/**
 * Times detection over a large import and prints the figure; it asserts only behaviour. The default size keeps the
 * unit suite light on a shared machine; STEWARD_DETECT_EVENTS=1000000 measures the one-million-event target.
 */
const TOTAL = Number(process.env.STEWARD_DETECT_EVENTS ?? 100_000);

describe('borrowed-credential detection at volume', () => {
  it(`runs over ${TOTAL.toLocaleString('en')} events in one pass and reports the time`, { timeout: 600_000 }, () => {
    const events = volumeEvents(TOTAL);
    const started = performance.now();
    const cases = detectBorrowedCredentials(
      events,
      { people: [], nhis: [], credentials: [], suppressions: [] },
      { now: NOW },
    );
    const seconds = (performance.now() - started) / 1000;
    const flagged = cases.filter((found) => found.flagged);
    console.info(
      `detection over ${TOTAL.toLocaleString('en')} events: ${seconds.toFixed(1)} s (${Math.round(TOTAL / seconds).toLocaleString('en')} events/s), ${cases.length} cases, ${flagged.length} flagged, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
    );
    expect(flagged.length).toBeGreaterThan(0);
    expect(Math.max(...cases.map((found) => found.evidence.length))).toBeLessThanOrEqual(80);
  });
});
