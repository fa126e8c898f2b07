/**
 * Item-to-item collaborative filtering: each product is a vector over actors
 * (a signed-in user, else an anonymous session) whose entries are that
 * actor's decayed interest in it; two products are as similar as the cosine
 * of their vectors. Pure: the model builders load the interactions, this
 * scores them.
 */

/** One actor's decayed interest in one product (several events of the pair add up). */
export interface Interaction {
  actor: string;
  productId: string;
  weight: number;
}

export interface Neighbour {
  neighbourId: string;
  score: number;
}

/** weight * 2^(-age / halfLife): an event one half-life old counts half. Future times count as now. */
export function decayed(weight: number, ageMs: number, halfLifeMs: number): number {
  return weight * 2 ** (-Math.max(0, ageMs) / halfLifeMs);
}

/**
 * The `k` best cosine neighbours of every product in `targets` (all products
 * when absent). Vectors are summed per (actor, product) first. Products
 * sharing no actor score 0 and are never listed; scores below `minScore` are
 * dropped. Ties break on the neighbour id so results are stable.
 */
export function cosineNeighbours(
  interactions: Iterable<Interaction>,
  options: { k: number; minScore?: number; targets?: ReadonlySet<string> },
): Map<string, Neighbour[]> {
  const byActor = new Map<string, Map<string, number>>();
  for (const { actor, productId, weight } of interactions) {
    if (!(weight > 0)) continue;
    let products = byActor.get(actor);
    if (!products) {
      products = new Map();
      byActor.set(actor, products);
    }
    products.set(productId, (products.get(productId) ?? 0) + weight);
  }
  const squaredNorm = new Map<string, number>();
  for (const products of byActor.values()) {
    for (const [productId, weight] of products) {
      squaredNorm.set(productId, (squaredNorm.get(productId) ?? 0) + weight * weight);
    }
  }
  const dots = new Map<string, Map<string, number>>();
  for (const products of byActor.values()) {
    if (products.size < 2) continue;
    for (const [a, wa] of products) {
      if (options.targets && !options.targets.has(a)) continue;
      let row = dots.get(a);
      if (!row) {
        row = new Map();
        dots.set(a, row);
      }
      for (const [b, wb] of products) if (b !== a) row.set(b, (row.get(b) ?? 0) + wa * wb);
    }
  }
  const minScore = options.minScore ?? 0;
  const result = new Map<string, Neighbour[]>();
  for (const [a, row] of dots) {
    const normA = Math.sqrt(squaredNorm.get(a)!);
    const neighbours: Neighbour[] = [];
    for (const [b, dot] of row) {
      const score = dot / (normA * Math.sqrt(squaredNorm.get(b)!));
      if (score > minScore) neighbours.push({ neighbourId: b, score: Math.min(1, score) });
    }
    result.set(a, topK(neighbours, options.k));
  }
  return result;
}

/** Highest score first, ties by id; at most `k`. */
export function topK(neighbours: Neighbour[], k: number): Neighbour[] {
  return neighbours.sort((x, y) => y.score - x.score || (x.neighbourId < y.neighbourId ? -1 : 1)).slice(0, k);
}
