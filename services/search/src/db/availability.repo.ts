import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { sql } from 'drizzle-orm';
import { productSkus, skuAvailability } from './schema.js';

export interface SkuAvailability {
  sku: string;
  totalAvailable: number;
  /** The inventory's time of the change. */
  updatedAt: Date;
}

/** Records a SKU's availability unless a later change of it is already recorded; true when applied. */
export async function recordAvailability(db: SqlExecutor, change: SkuAvailability): Promise<boolean> {
  const result = await db.execute(sql`
    insert into ${skuAvailability} (sku, total_available, source_updated_at, received_at)
    values (${change.sku}, ${change.totalAvailable}, ${change.updatedAt.toISOString()}, now())
    on conflict (sku) do update set total_available = excluded.total_available,
      source_updated_at = excluded.source_updated_at, received_at = now()
    where ${skuAvailability.sourceUpdatedAt} <= excluded.source_updated_at`);
  return (result.rowCount ?? 0) > 0;
}

/** Seeding: availability of SKUs not known yet, dated at the epoch so any real change wins. */
export async function recordAvailabilityIfAbsent(
  db: SqlExecutor,
  levels: Array<{ sku: string; totalAvailable: number }>,
): Promise<void> {
  if (levels.length === 0) return;
  await db.execute(sql`
    insert into ${skuAvailability} (sku, total_available, source_updated_at)
    select r.sku, r.total_available, 'epoch'::timestamptz
    from jsonb_to_recordset(${JSON.stringify(levels.map((l) => ({ sku: l.sku, total_available: l.totalAvailable })))}::jsonb)
      as r(sku text, total_available int)
    on conflict (sku) do nothing`);
}

export async function productOfSku(db: SqlExecutor, sku: string): Promise<string | undefined> {
  const result = await db.execute<{ product_id: string }>(
    sql`select product_id from ${productSkus} where sku = ${sku}`,
  );
  return result.rows[0]?.product_id;
}

/** The SKUs a product sells now, in one statement: its earlier ones are forgotten, a SKU moved from another product follows. */
export async function replaceProductSkus(db: SqlExecutor, productId: string, skus: readonly string[]) {
  const current = sql.param([...skus]);
  await db.execute(sql`
    with forgotten as (
      delete from ${productSkus} where product_id = ${productId} and not (sku = any(${current}::text[]))
    )
    insert into ${productSkus} (sku, product_id)
    select unnest(${current}::text[]), ${productId}::uuid
    on conflict (sku) do update set product_id = excluded.product_id
    where ${productSkus.productId} <> excluded.product_id`);
}

/** Reindexing (and `keep`: seeding): the SKU → product map for many products at once. */
export async function upsertProductSkus(
  db: SqlExecutor,
  rows: Array<{ sku: string; productId: string }>,
  onConflict: 'update' | 'keep' = 'update',
) {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into ${productSkus} (sku, product_id)
    select r.sku, r.product_id
    from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ sku: r.sku, product_id: r.productId })))}::jsonb)
      as r(sku text, product_id uuid)
    on conflict (sku) do ${onConflict === 'update' ? sql`update set product_id = excluded.product_id` : sql`nothing`}`);
}

/** Which SKUs of these are available: a reindex derives each document's `inStock` from it. */
export async function availableSkus(db: SqlExecutor, skus: readonly string[]): Promise<Set<string>> {
  if (skus.length === 0) return new Set();
  const result = await db.execute<{ sku: string }>(sql`
    select sku from ${skuAvailability} where sku = any(${sql.param([...skus])}::text[]) and total_available > 0`);
  return new Set(result.rows.map((row) => row.sku));
}

/** Products whose stock changed since `since`, with whether they are in stock now. */
export async function stockChangedSince(
  db: SqlExecutor,
  since: Date,
): Promise<Array<{ productId: string; inStock: boolean }>> {
  const result = await db.execute<{ product_id: string; in_stock: boolean }>(sql`
    select ps.product_id, bool_or(a.total_available > 0) as in_stock
    from ${productSkus} ps join ${skuAvailability} a on a.sku = ps.sku
    where ps.product_id in (
      select p.product_id from ${productSkus} p join ${skuAvailability} s on s.sku = p.sku
      where s.received_at >= ${since.toISOString()})
    group by ps.product_id`);
  return result.rows.map((row) => ({ productId: row.product_id, inStock: row.in_stock }));
}

/** Whether any SKU of the product has units available. */
export async function productInStock(db: SqlExecutor, productId: string): Promise<boolean> {
  const result = await db.execute<{ in_stock: boolean | null }>(sql`
    select bool_or(a.total_available > 0) as in_stock
    from ${productSkus} ps join ${skuAvailability} a on a.sku = ps.sku
    where ps.product_id = ${productId}`);
  return result.rows[0]?.in_stock === true;
}
