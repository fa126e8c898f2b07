import { eq } from 'drizzle-orm';
import type { ProductDocument, ProductStatus } from '../domain/product.js';
import type { ProductDb } from './database.js';
import { productSkus, products } from './schema.js';

export interface SkuOwner {
  productId: string;
  slug: string;
  status: ProductStatus;
  document: ProductDocument;
}

/** The product that sells this SKU, read through the SKU index (one primary-key lookup and a join). */
export async function findSkuOwner(db: ProductDb, sku: string): Promise<SkuOwner | undefined> {
  const [row] = await db
    .select({
      productId: products.id,
      slug: products.slug,
      status: products.status,
      document: products.document,
    })
    .from(productSkus)
    .innerJoin(products, eq(products.id, productSkus.productId))
    .where(eq(productSkus.sku, sku));
  return row;
}
