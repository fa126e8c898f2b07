/**
 * Offline ranking metrics for one test case: a ranked list the recommender
 * produced and the set of items the shopper actually went on to buy.
 */

/** 1 when any relevant item is among the first `k` recommended, else 0. */
export function hitRateAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  return ranked.slice(0, k).some((id) => relevant.has(id)) ? 1 : 0;
}

/**
 * Normalised discounted cumulative gain with binary relevance:
 * DCG = Σ_{i<k, ranked[i] relevant} 1 / log2(i + 2), divided by the DCG of
 * the ideal list (every relevant item first, at most `k` of them). 0 when
 * nothing is relevant.
 */
export function ndcgAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i += 1) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

/** Arithmetic mean; 0 for no values. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}
