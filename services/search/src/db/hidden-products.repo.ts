import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { sql } from 'drizzle-orm';
import { hiddenProducts } from './schema.js';

/** Marks a product out of the index as of a catalog version (the latest mark wins). */
export async function hideProduct(
  db: SqlExecutor,
  mark: { productId: string; asOf: Date; reason: 'deleted' | 'inactive' },
): Promise<void> {
  await db.execute(sql`
    insert into ${hiddenProducts} (product_id, hidden_as_of, reason, received_at)
    values (${mark.productId}, ${mark.asOf.toISOString()}, ${mark.reason}, now())
    on conflict (product_id) do update set hidden_as_of = excluded.hidden_as_of, reason = excluded.reason,
      received_at = now()
    where ${hiddenProducts.hiddenAsOf} <= excluded.hidden_as_of`);
}

/** A later version is active again: the mark has done its job. */
export async function unhideProduct(db: SqlExecutor, productId: string): Promise<void> {
  await db.execute(sql`delete from ${hiddenProducts} where product_id = ${productId}`);
}

/** Products hidden since `since`, and as of which version (a reindex re-applies them after its swap). */
export async function hiddenSince(
  db: SqlExecutor,
  since: Date,
): Promise<Array<{ productId: string; asOf: Date }>> {
  const result = await db.execute<{ product_id: string; hidden_as_of: string | Date }>(
    sql`select product_id, hidden_as_of from ${hiddenProducts} where received_at >= ${since.toISOString()}`,
  );
  return result.rows.map((row) => ({ productId: row.product_id, asOf: new Date(row.hidden_as_of) }));
}
