import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { sql } from 'drizzle-orm';
import type { CatalogRow } from '../domain/catalog-product.js';
import type { ContentDocument } from '../domain/content-similarity.js';
import { catalogProducts, skuStock } from './schema.js';

const p = catalogProducts;

/** Stores a product's document unless a later one is stored; true when applied. */
export async function upsertCatalogProduct(db: SqlExecutor, row: CatalogRow): Promise<boolean> {
  const stored = await db
    .insert(p)
    .values(row)
    .onConflictDoUpdate({
      target: p.productId,
      set: {
        title: sql`excluded.title`,
        description: sql`excluded.description`,
        brand: sql`excluded.brand`,
        category: sql`excluded.category`,
        tags: sql`excluded.tags`,
        skus: sql`excluded.skus`,
        status: sql`excluded.status`,
        sourceUpdatedAt: sql`excluded.source_updated_at`,
      },
      setWhere: sql`${p.sourceUpdatedAt} <= excluded.source_updated_at`,
    })
    .returning({ productId: p.productId });
  return stored.length > 0;
}

/** Seeding: products not known yet, dated at the epoch so any real event wins. */
export async function insertCatalogProductsIfAbsent(db: SqlExecutor, rows: CatalogRow[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const stored = await db
      .insert(p)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing()
      .returning({ productId: p.productId });
    inserted += stored.length;
  }
  return inserted;
}

/** A product left the catalog: kept as a tombstone (status `deleted`) so a late `updated` cannot revive it. */
export async function markProductDeleted(db: SqlExecutor, productId: string, deletedAt: Date): Promise<void> {
  await db.execute(sql`
    insert into ${p} (product_id, title, description, brand, category, tags, skus, status, source_updated_at)
    values (${productId}, '', '', null, '', '', '{}', 'deleted', ${deletedAt.toISOString()})
    on conflict (product_id) do update set status = 'deleted', source_updated_at = excluded.source_updated_at
    where ${p.sourceUpdatedAt} <= excluded.source_updated_at`);
}

/** Records a SKU's stock unless a later change of it is recorded; true when applied. */
export async function recordSkuStock(
  db: SqlExecutor,
  change: { sku: string; totalAvailable: number; updatedAt: Date },
): Promise<boolean> {
  const result = await db.execute(sql`
    insert into ${skuStock} (sku, total_available, source_updated_at)
    values (${change.sku}, ${change.totalAvailable}, ${change.updatedAt.toISOString()})
    on conflict (sku) do update set total_available = excluded.total_available,
      source_updated_at = excluded.source_updated_at
    where ${skuStock.sourceUpdatedAt} <= excluded.source_updated_at`);
  return (result.rowCount ?? 0) > 0;
}

/** Seeding: stock of SKUs not known yet, dated at the epoch. */
export async function insertSkuStockIfAbsent(
  db: SqlExecutor,
  levels: Array<{ sku: string; totalAvailable: number }>,
): Promise<void> {
  for (let i = 0; i < levels.length; i += 1_000) {
    const chunk = levels.slice(i, i + 1_000);
    await db
      .insert(skuStock)
      .values(chunk.map((l) => ({ ...l, sourceUpdatedAt: new Date(0) })))
      .onConflictDoNothing();
  }
}

/** The product owning a SKU, when the catalog told us. */
export async function productsOfSku(db: SqlExecutor, sku: string): Promise<string[]> {
  const result = await db.execute<{ product_id: string }>(
    sql`select ${p.productId} as product_id from ${p} where ${p.skus} @> array[${sku}]::text[]`,
  );
  return result.rows.map((row) => row.product_id);
}

/**
 * Derives `available` again for these products (all when absent): not
 * active (draft, archived, deleted) or out of stock, which means every SKU
 * has a known stock of 0, makes a product unavailable. A SKU whose stock
 * the service has not heard of counts as in stock: an empty projection must
 * not hide the whole shop.
 */
export async function refreshAvailability(db: SqlExecutor, productIds?: readonly string[]): Promise<void> {
  const scope = productIds ? sql`where ${p.productId} = any(${sql.param([...productIds])}::uuid[])` : sql``;
  await db.execute(sql`
    update ${p} set available = (${p.status} = 'active' and (cardinality(${p.skus}) = 0 or exists (
      select 1 from unnest(${p.skus}) as s(sku)
      left join ${skuStock} k on k.sku = s.sku
      where k.sku is null or k.total_available > 0)))
    ${scope}`);
}

/** Which of these products must not be recommended now (see `refreshAvailability`); unknown ones may be. */
export async function unavailableAmong(db: SqlExecutor, productIds: readonly string[]): Promise<Set<string>> {
  if (productIds.length === 0) return new Set();
  const result = await db.execute<{ product_id: string }>(sql`
    select ${p.productId} as product_id from ${p}
    where not ${p.available} and ${p.productId} = any(${sql.param([...productIds])}::uuid[])`);
  return new Set(result.rows.map((row) => row.product_id));
}

/** The documents content similarity compares: every active product. */
export async function activeDocuments(db: SqlExecutor): Promise<ContentDocument[]> {
  const result = await db.execute<{
    product_id: string;
    title: string;
    description: string;
    brand: string | null;
    category: string;
    tags: string;
  }>(sql`
    select ${p.productId} as product_id, ${p.title} as title, ${p.description} as description,
      ${p.brand} as brand, ${p.category} as category, ${p.tags} as tags
    from ${p} where ${p.status} = 'active' order by ${p.productId}`);
  return result.rows.map((row) => ({
    productId: row.product_id,
    title: row.title,
    description: row.description,
    brand: row.brand,
    category: row.category,
    tags: row.tags,
  }));
}
