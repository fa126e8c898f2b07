import type { Rating } from './product.js';

/** The product's rating from the approved reviews per star: count, average (2 decimals) and histogram. */
export function ratingOf(starCounts: ReadonlyArray<{ rating: number; count: number }>): Required<Rating> {
  const histogram = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const { rating, count } of starCounts) histogram[String(rating) as keyof typeof histogram] += count;
  const count = Object.values(histogram).reduce((sum, n) => sum + n, 0);
  const total = Object.entries(histogram).reduce((sum, [stars, n]) => sum + Number(stars) * n, 0);
  return { count, average: count === 0 ? 0 : Math.round((total / count) * 100) / 100, histogram };
}
