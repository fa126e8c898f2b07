import { and, arrayContains, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { ProductStatus } from '../domain/product.js';
import type { ProductListFilter, ProductListPosition, ProductSort } from '../domain/product-listing.js';
import type { ProductDb } from './database.js';
import { categories, products } from './schema.js';

export interface ProductSummaryRow {
  id: string;
  slug: string;
  status: ProductStatus;
  categorySlug: string | null;
  title: string;
  brand: string | null;
  imageUrl: string | null;
  rating: { count: number; average: number };
  priceMinMinor: number;
  currency: string;
  createdAt: Date;
}

const orderBy: Record<ProductSort, SQL[]> = {
  newest: [desc(products.createdAt), desc(products.id)],
  price_asc: [asc(products.priceMinMinor), asc(products.id)],
  price_desc: [desc(products.priceMinMinor), desc(products.id)],
};

/** Rows strictly after the position, in the same sort: a row comparison the sort's index answers. */
function after(position: ProductListPosition): SQL {
  const [sort, key, id] = position;
  if (sort === 'newest') {
    return sql`(${products.createdAt}, ${products.id}) < (${key}::timestamptz, ${id}::uuid)`;
  }
  const op = sort === 'price_asc' ? sql`>` : sql`<`;
  return sql`(${products.priceMinMinor}, ${products.id}) ${op} (${key}::int, ${id}::uuid)`;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page of product summaries (limit + 1 rows, so the caller knows whether another page exists). */
export async function listProductSummaries(
  db: ProductDb,
  filter: ProductListFilter,
): Promise<ProductSummaryRow[]> {
  const where: SQL[] = [eq(products.status, filter.status)];
  // A category's subtree is every category whose path contains its slug.
  if (filter.categorySlug) where.push(arrayContains(categories.path, [filter.categorySlug]));
  if (filter.q) where.push(sql`${products.document}->>'title' ilike ${`%${escapeLike(filter.q)}%`}`);
  if (filter.after) where.push(after(filter.after));
  return db
    .select({
      id: products.id,
      slug: products.slug,
      status: products.status,
      categorySlug: categories.slug,
      title: sql<string>`${products.document}->>'title'`,
      brand: sql<string | null>`${products.document}->>'brand'`,
      imageUrl: sql<string | null>`${products.document}->>'imageUrl'`,
      rating: sql<{ count: number; average: number }>`${products.document}->'rating'`,
      priceMinMinor: products.priceMinMinor,
      currency: products.currency,
      createdAt: products.createdAt,
    })
    .from(products)
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(and(...where))
    .orderBy(...orderBy[filter.sort])
    .limit(filter.limit + 1);
}
