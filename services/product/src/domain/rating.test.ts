import { describe, expect, it } from 'vitest';
import { ratingOf } from './rating.js';

describe('ratingOf', () => {
  it('averages approved reviews per star, to two decimals, with the histogram', () => {
    expect(
      ratingOf([
        { rating: 5, count: 2 },
        { rating: 4, count: 1 },
      ]),
    ).toEqual({ count: 3, average: 4.67, histogram: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 2 } });
  });

  it('is zero with no reviews', () => {
    expect(ratingOf([])).toEqual({
      count: 0,
      average: 0,
      histogram: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
    });
  });
});
