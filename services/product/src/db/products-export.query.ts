import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { ProductStatus } from '../domain/product.js';
import type { ProductRecord } from '../domain/product-record.js';
import type { ProductDb } from './database.js';
import { findProductsWhere } from './products.repo.js';
import { products } from './schema.js';

/** The next batch of products in id order (a keyset walk: each batch is one indexed range read). */
export async function productsAfter(
  db: ProductDb,
  input: { afterId?: string | undefined; status?: ProductStatus | undefined; limit: number },
): Promise<ProductRecord[]> {
  const where: SQL[] = [];
  if (input.afterId) where.push(gt(products.id, input.afterId));
  if (input.status) where.push(eq(products.status, input.status));
  return findProductsWhere(db, and(...where), { orderBy: asc(products.id), limit: input.limit });
}
