import type { SqlExecutor, TransactionalDb } from '@emporium/platform/events/sql-executor';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { KindedNeighbour } from '../domain/hybrid.js';
import type { Neighbour } from '../domain/item-similarity.js';
import type { NeighbourKind } from '../domain/neighbours.js';
import { itemNeighbours } from './schema.js';

const chunkSize = 1_000;

/** The best `perProduct` stored neighbours of each product, per kind, in one statement. */
export async function neighboursOfMany(
  db: SqlExecutor,
  productIds: readonly string[],
  kinds: readonly NeighbourKind[],
  perProduct: number,
): Promise<KindedNeighbour[]> {
  if (productIds.length === 0 || kinds.length === 0) return [];
  const n = itemNeighbours;
  const result = await db.execute<{
    product_id: string;
    neighbour_id: string;
    kind: NeighbourKind;
    score: number;
  }>(sql`
    select product_id, neighbour_id, kind, score from (
      select ${n.productId} as product_id, ${n.neighbourId} as neighbour_id, ${n.kind} as kind, ${n.score} as score,
        row_number() over (partition by ${n.productId}, ${n.kind} order by ${n.score} desc, ${n.neighbourId}) as rank
      from ${n}
      where ${n.productId} = any(${sql.param([...productIds])}::uuid[])
        and ${n.kind} in (${sql.join(
          kinds.map((kind) => sql`${kind}`),
          sql`, `,
        )})
    ) ranked where rank <= ${perProduct}`);
  return result.rows.map((row) => ({
    productId: row.product_id,
    neighbourId: row.neighbour_id,
    kind: row.kind,
    score: Number(row.score),
  }));
}

type NeighbourRow = { productId: string; neighbourId: string; kind: NeighbourKind; score: number };

/** Written by the model builders: replaces the score of pairs already stored. */
export async function upsertNeighbours(db: SqlExecutor, rows: NeighbourRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += chunkSize) {
    await db
      .insert(itemNeighbours)
      .values(rows.slice(i, i + chunkSize))
      .onConflictDoUpdate({
        target: [itemNeighbours.productId, itemNeighbours.neighbourId, itemNeighbours.kind],
        set: { score: sql`excluded.score`, updatedAt: sql`now()` },
      });
  }
}

/**
 * The incremental update of some products' lists of one kind: their rows
 * replaced by the new lists, and since similarity is symmetric, each new
 * pair also written the other way round (the neighbour's list may briefly
 * hold more than its quota; reads take the best, the next rebuild trims).
 */
export async function replaceNeighboursOf(
  db: SqlExecutor,
  kind: NeighbourKind,
  lists: ReadonlyMap<string, readonly Neighbour[]>,
  productIds: readonly string[],
): Promise<void> {
  if (productIds.length === 0) return;
  const rows = await replaceListsOf(db, kind, lists, productIds);
  const targets = new Set(productIds);
  const mirrored = rows
    .filter((row) => !targets.has(row.neighbourId))
    .map((row) => ({ ...row, productId: row.neighbourId, neighbourId: row.productId }));
  await upsertNeighbours(db, mirrored);
}

/**
 * The full rebuild of one kind: every list replaced, a hundred products per
 * short transaction (a reader sees a product's old list or its new one,
 * never half of it; embedded PGlite runs one transaction at a time for the
 * whole platform, so one long transaction would stall every service), then
 * the lists of products no longer in the model removed.
 */
export async function replaceAllNeighbours(
  db: TransactionalDb,
  kind: NeighbourKind,
  lists: ReadonlyMap<string, readonly Neighbour[]>,
): Promise<void> {
  const productIds = [...lists.keys()];
  for (let i = 0; i < productIds.length; i += 100) {
    const chunk = productIds.slice(i, i + 100);
    await db.transaction((tx) => replaceListsOf(tx, kind, lists, chunk));
  }
  await db.execute(sql`
    delete from ${itemNeighbours} where ${itemNeighbours.kind} = ${kind}
      and not (${itemNeighbours.productId} = any(${sql.param(productIds)}::uuid[]))`);
}

async function replaceListsOf(
  db: SqlExecutor,
  kind: NeighbourKind,
  lists: ReadonlyMap<string, readonly Neighbour[]>,
  productIds: readonly string[],
): Promise<NeighbourRow[]> {
  await db
    .delete(itemNeighbours)
    .where(and(eq(itemNeighbours.kind, kind), inArray(itemNeighbours.productId, [...productIds])));
  const rows: NeighbourRow[] = [];
  for (const productId of productIds) {
    for (const n of lists.get(productId) ?? []) {
      rows.push({ productId, neighbourId: n.neighbourId, kind, score: n.score });
    }
  }
  for (let i = 0; i < rows.length; i += chunkSize) {
    await db.insert(itemNeighbours).values(rows.slice(i, i + chunkSize));
  }
  return rows;
}
