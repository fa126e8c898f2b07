import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { sql } from 'drizzle-orm';
import { modelBacklog } from './schema.js';

export type ModelName = 'behaviour' | 'content';

/** Marks products' neighbours of one model out of date, with the change that made them so. */
export async function queueForModel(db: SqlExecutor, model: ModelName, productIds: readonly string[]) {
  const unique = [...new Set(productIds)];
  if (unique.length === 0) return;
  await db
    .insert(modelBacklog)
    .values(unique.map((productId) => ({ productId, model })))
    .onConflictDoNothing();
}

/**
 * Takes up to `limit` queued products of a model off the backlog (oldest
 * first; replicas skip each other's rows). A worker that fails puts them back.
 */
export async function takeFromBacklog(db: SqlExecutor, model: ModelName, limit: number): Promise<string[]> {
  const b = modelBacklog;
  const result = await db.execute<{ product_id: string }>(sql`
    delete from ${b} where (product_id, model) in (
      select product_id, model from ${b} where ${b.model} = ${model}
      order by ${b.queuedAt} limit ${limit} for update skip locked)
    returning product_id`);
  return result.rows.map((row) => row.product_id);
}
