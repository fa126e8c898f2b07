import { eq, type SQL } from 'drizzle-orm';
import type { ProductDocument, ProductStatus } from '../domain/product.js';
import type { ProductDb } from './database.js';
import { categories, productSkus, products } from './schema.js';

export interface ProductRecord {
  id: string;
  slug: string;
  status: ProductStatus;
  category: { id: string; slug: string; name: string } | null;
  document: ProductDocument;
  priceMinMinor: number;
  currency: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewProduct {
  id?: string;
  slug: string;
  status: ProductStatus;
  categoryId: string | null;
  document: ProductDocument;
  priceMinMinor: number;
  currency: string;
  createdAt?: Date;
}

async function findProductWhere(db: ProductDb, where: SQL): Promise<ProductRecord | undefined> {
  const [row] = await db
    .select({
      id: products.id,
      slug: products.slug,
      status: products.status,
      categoryId: categories.id,
      categorySlug: categories.slug,
      categoryName: categories.name,
      document: products.document,
      priceMinMinor: products.priceMinMinor,
      currency: products.currency,
      createdAt: products.createdAt,
      updatedAt: products.updatedAt,
    })
    .from(products)
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(where);
  if (!row) return undefined;
  const { categoryId, categorySlug, categoryName, ...product } = row;
  const category =
    categoryId && categorySlug && categoryName
      ? { id: categoryId, slug: categorySlug, name: categoryName }
      : null;
  return { ...product, category };
}

export const findProductById = (db: ProductDb, id: string) => findProductWhere(db, eq(products.id, id));
export const findProductBySlug = (db: ProductDb, slug: string) =>
  findProductWhere(db, eq(products.slug, slug));

/**
 * Inserts a product and claims its SKUs in one transaction. Returns the
 * conflict instead of throwing, so the use case picks the error code.
 */
export async function insertProduct(
  db: ProductDb,
  product: NewProduct,
): Promise<{ id: string } | { conflict: 'slug' } | { conflict: 'sku'; skus: string[] }> {
  const skus = product.document.variants.map((variant) => variant.sku);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(products)
        .values(product)
        .onConflictDoNothing({ target: products.slug })
        .returning({ id: products.id });
      if (!row) throw new Conflict({ conflict: 'slug' });
      const claimed = await tx
        .insert(productSkus)
        .values(skus.map((sku) => ({ sku, productId: row.id })))
        .onConflictDoNothing()
        .returning({ sku: productSkus.sku });
      if (claimed.length < skus.length) {
        const mine = new Set(claimed.map((c) => c.sku));
        throw new Conflict({ conflict: 'sku', skus: skus.filter((sku) => !mine.has(sku)) });
      }
      return row;
    });
  } catch (error) {
    if (error instanceof Conflict) return error.outcome;
    throw error;
  }
}

/** Thrown inside the transaction to roll it back; never leaves this module. */
class Conflict extends Error {
  constructor(readonly outcome: { conflict: 'slug' } | { conflict: 'sku'; skus: string[] }) {
    super(outcome.conflict);
  }
}

/**
 * Bulk load for the demo seed, one transaction per call: products whose slug
 * (or id) exists are skipped, and only the new ones claim their SKUs.
 */
export async function insertProductsIfAbsent(db: ProductDb, rows: NewProduct[]): Promise<number> {
  if (rows.length === 0) return 0;
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(products)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: products.id });
    const fresh = new Set(inserted.map((row) => row.id));
    const skus = rows
      .filter((row) => row.id !== undefined && fresh.has(row.id))
      .flatMap((row) => row.document.variants.map((variant) => ({ sku: variant.sku, productId: row.id! })));
    for (let i = 0; i < skus.length; i += 2_000) {
      await tx
        .insert(productSkus)
        .values(skus.slice(i, i + 2_000))
        .onConflictDoNothing();
    }
    return inserted.length;
  });
}
