import { describe, expect, it } from 'vitest';
import { thresholdFrom } from './live-settings.js';

describe('live low-stock threshold', () => {
  it('accepts whole non-negative numbers, as numbers or text', () => {
    expect(thresholdFrom(7)).toBe(7);
    expect(thresholdFrom('12')).toBe(12);
    expect(thresholdFrom(0)).toBe(0);
  });

  it('ignores anything else', () => {
    for (const value of [-1, 2.5, 'lots', '', null, true, {}, 1e9])
      expect(thresholdFrom(value)).toBeUndefined();
  });
});
