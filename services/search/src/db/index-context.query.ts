import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { sql } from 'drizzle-orm';
import type { KnownCategory } from '../domain/catalog-product.js';
import { categories, hiddenProducts, skuAvailability } from './schema.js';

export interface IndexContext {
  /** The version as of which the product was taken out, if it was. */
  hiddenAsOf: Date | null;
  /** Any of its SKUs has units available. */
  inStock: boolean;
  /** The categories named and their ancestors, as last seen in the catalog's tree. */
  categories: Map<string, KnownCategory>;
}

type ContextRow = { hidden_as_of: string | Date | null; in_stock: boolean; categories: KnownCategory[] };

/**
 * What indexing a product needs beside the product itself, in one round
 * trip (an event handler runs this for every product event).
 */
export async function indexContextOf(
  db: SqlExecutor,
  input: { productId: string; skus: readonly string[]; categorySlugs: readonly string[] },
): Promise<IndexContext> {
  const slugs = sql.param([...input.categorySlugs]);
  const result = await db.execute<ContextRow>(sql`
    select
      (select hidden_as_of from ${hiddenProducts} where product_id = ${input.productId}) as hidden_as_of,
      exists (select 1 from ${skuAvailability}
        where sku = any(${sql.param([...input.skus])}::text[]) and total_available > 0) as in_stock,
      (select coalesce(json_agg(json_build_object('slug', c.slug, 'name', c.name, 'path', c.path)), '[]')
        from ${categories} c
        where c.slug = any(${slugs}::text[])
           or c.slug in (select unnest(k.path) from ${categories} k where k.slug = any(${slugs}::text[]))
      ) as categories`);
  const row = result.rows[0]!;
  return {
    hiddenAsOf: row.hidden_as_of === null ? null : new Date(row.hidden_as_of),
    inStock: row.in_stock,
    categories: new Map(row.categories.map((category) => [category.slug, category])),
  };
}
