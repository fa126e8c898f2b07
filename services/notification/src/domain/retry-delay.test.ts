import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-delay.js';

describe('retry delay', () => {
  const settings = { baseMs: 1_000, maxMs: 10_000 };

  it('doubles from the base on each attempt, up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, settings, () => 0));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('spreads retries by at most a fifth, never above the exponential value', () => {
    expect(retryDelayMs(3, settings, () => 0.999)).toBe(3_201);
    for (let i = 0; i < 100; i += 1) {
      const delay = retryDelayMs(2, settings);
      expect(delay).toBeGreaterThan(1_600 - 1);
      expect(delay).toBeLessThanOrEqual(2_000);
    }
  });
});
