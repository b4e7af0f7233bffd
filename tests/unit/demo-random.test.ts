import { describe, expect, it } from 'vitest';
import { demoApiKeySecret } from '../../lib/demo/access';
import { Random, WeightedPicker, apportion } from '../../lib/demo/random';

describe('demo random', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, () => new Random(seed).next());
    const sequence = (seed: number) => {
      const random = new Random(seed);
      return Array.from({ length: 20 }, () => random.next());
    };
    expect(sequence(42)).toEqual(sequence(42));
    expect(sequence(42)).not.toEqual(sequence(43));
    expect(draw(7).every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('forks independent streams that depend only on the seed and the label', () => {
    const root = new Random(1);
    root.next();
    expect(root.fork('people').next()).toBe(new Random(1).fork('people').next());
    expect(root.fork('people').next()).not.toBe(root.fork('events').next());
  });

  it('apportions a total exactly, in proportion to the weights', () => {
    const parts = apportion(1_000, [1, 2, 3, 4]);
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(1_000);
    expect(parts).toEqual([100, 200, 300, 400]);
    expect(apportion(7, [0, 0])).toEqual([0, 0]);
  });

  it('picks by weight', () => {
    const random = new Random(3);
    const picker = new WeightedPicker(['rare', 'common'], (item) => (item === 'rare' ? 1 : 9));
    const picks = Array.from({ length: 10_000 }, () => picker.pick(random));
    const common = picks.filter((pick) => pick === 'common').length / picks.length;
    expect(common).toBeGreaterThan(0.88);
    expect(common).toBeLessThan(0.92);
  });

  it('derives demo API keys from the seed alone, in the documented format', () => {
    const key = demoApiKeySecret('AGENT', 1);
    expect(key).toMatch(/^stw_agent_[0-9A-Za-z]{32}$/);
    expect(demoApiKeySecret('AGENT', 1)).toBe(key);
    expect(demoApiKeySecret('AGENT', 2)).not.toBe(key);
    expect(demoApiKeySecret('INGEST', 1)).toMatch(/^stw_ingest_[0-9A-Za-z]{32}$/);
  });
});
