import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { sql } from 'drizzle-orm';
import { dimProducts } from './schema.js';

export interface ProductDimension {
  productId: string;
  title: string;
  categorySlug: string | null;
  brand: string | null;
  versionAt: Date;
}

/** Keeps the newest document by its own `updatedAt`, whatever order the events arrive in. */
export async function upsertProduct(tx: SqlExecutor, product: ProductDimension): Promise<void> {
  await tx.execute(sql`
    insert into ${dimProducts} as d (product_id, title, category_slug, brand, version_at)
    values (${product.productId}, ${product.title}, ${product.categorySlug}, ${product.brand},
      ${product.versionAt.toISOString()})
    on conflict (product_id) do update set title = excluded.title, category_slug = excluded.category_slug,
      brand = excluded.brand, version_at = excluded.version_at
    where excluded.version_at >= d.version_at`);
}

/** A deleted product stays for order history, marked; its slug stands in for a title never seen. */
export async function markProductDeleted(
  tx: SqlExecutor,
  product: { productId: string; slug: string; deletedAt: Date },
): Promise<void> {
  await tx.execute(sql`
    insert into ${dimProducts} as d (product_id, title, version_at, deleted_at)
    values (${product.productId}, ${product.slug}, ${product.deletedAt.toISOString()},
      ${product.deletedAt.toISOString()})
    on conflict (product_id) do update set deleted_at = least(d.deleted_at, excluded.deleted_at)`);
}
