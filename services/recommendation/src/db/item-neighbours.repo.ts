import { and, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { NeighbourKind } from '../domain/neighbours.js';
import type { ScoredProduct } from './behaviour-events.repo.js';
import type { RecommendationDb } from './database.js';
import { itemNeighbours } from './schema.js';

/** The best stored neighbours of a product over the given kinds, one row per neighbour. */
export async function neighboursOf(
  db: RecommendationDb,
  productId: string,
  kinds: NeighbourKind[],
  limit: number,
): Promise<ScoredProduct[]> {
  const score = max(itemNeighbours.score);
  const rows = await db
    .select({ productId: itemNeighbours.neighbourId, score })
    .from(itemNeighbours)
    .where(and(eq(itemNeighbours.productId, productId), inArray(itemNeighbours.kind, kinds)))
    .groupBy(itemNeighbours.neighbourId)
    .orderBy(desc(score), itemNeighbours.neighbourId)
    .limit(limit);
  return rows.map((row) => ({ productId: row.productId, score: Number(row.score) }));
}

/** Written by the model builder: replaces the score of pairs already stored. */
export async function upsertNeighbours(
  db: RecommendationDb,
  rows: Array<{ productId: string; neighbourId: string; kind: NeighbourKind; score: number }>,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(itemNeighbours)
    .values(rows)
    .onConflictDoUpdate({
      target: [itemNeighbours.productId, itemNeighbours.neighbourId, itemNeighbours.kind],
      set: { score: sql`excluded.score`, updatedAt: sql`now()` },
    });
}
