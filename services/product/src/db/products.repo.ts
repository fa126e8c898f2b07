import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { normalizedDocument, type ProductDocument, type ProductStatus } from '../domain/product.js';
import type { ProductRecord } from '../domain/product-record.js';
import type { ProductExecutor } from './database.js';
import { categories, productSkus, products } from './schema.js';

export type { ProductRecord } from '../domain/product-record.js';

export interface NewProduct {
  id: string;
  slug: string;
  status: ProductStatus;
  categoryId: string | null;
  document: ProductDocument;
  priceMinMinor: number;
  currency: string;
  createdAt?: Date;
}

const selection = {
  id: products.id,
  slug: products.slug,
  status: products.status,
  categoryId: categories.id,
  categorySlug: categories.slug,
  categoryName: categories.name,
  categoryPath: categories.path,
  document: products.document,
  priceMinMinor: products.priceMinMinor,
  currency: products.currency,
  createdAt: products.createdAt,
  updatedAt: products.updatedAt,
};

function selectProducts(db: ProductExecutor) {
  return db.select(selection).from(products).leftJoin(categories, eq(categories.id, products.categoryId));
}

type Row = Awaited<ReturnType<typeof selectProducts>>[number];

function recordOf(row: Row): ProductRecord {
  const { categoryId, categorySlug, categoryName, categoryPath, document, ...product } = row;
  const category =
    categoryId && categorySlug && categoryName && categoryPath
      ? { id: categoryId, slug: categorySlug, name: categoryName, path: categoryPath }
      : null;
  return { ...product, category, document: normalizedDocument(document) };
}

async function findProductWhere(db: ProductExecutor, where: SQL): Promise<ProductRecord | undefined> {
  const [row] = await selectProducts(db).where(where);
  return row ? recordOf(row) : undefined;
}

export const findProductById = (db: ProductExecutor, id: string) => findProductWhere(db, eq(products.id, id));
export const findProductBySlug = (db: ProductExecutor, slug: string) =>
  findProductWhere(db, eq(products.slug, slug));

export async function findProductsByIds(db: ProductExecutor, ids: string[]): Promise<ProductRecord[]> {
  if (ids.length === 0) return [];
  return (await selectProducts(db).where(inArray(products.id, ids))).map(recordOf);
}

export async function findProductsWhere(
  db: ProductExecutor,
  where: SQL | undefined,
  page: { orderBy: SQL; limit: number },
): Promise<ProductRecord[]> {
  return (await selectProducts(db).where(where).orderBy(page.orderBy).limit(page.limit)).map(recordOf);
}

/** Locks the product row for the rest of the transaction: concurrent writers of one product take turns. */
export async function lockProduct(tx: ProductExecutor, id: string): Promise<ProductRecord | undefined> {
  // Locked alone: drizzle's `for update of` qualifies the table with its schema, which Postgres refuses.
  const [locked] = await tx
    .select({ id: products.id })
    .from(products)
    .where(eq(products.id, id))
    .for('update');
  return locked ? findProductById(tx, id) : undefined;
}

/**
 * Inserts products and claims their SKUs in the caller's transaction, many
 * rows per statement. Rows whose slug (or id) exists are skipped; the caller
 * learns which went in and which SKUs another product already holds.
 */
export async function insertProducts(
  tx: ProductExecutor,
  rows: NewProduct[],
): Promise<{ inserted: Set<string>; takenSkus: string[] }> {
  if (rows.length === 0) return { inserted: new Set(), takenSkus: [] };
  const inserted = new Set(
    (await tx.insert(products).values(rows).onConflictDoNothing().returning({ id: products.id })).map(
      (row) => row.id,
    ),
  );
  const skus = rows
    .filter((row) => inserted.has(row.id))
    .flatMap((row) => row.document.variants.map((variant) => variant.sku));
  const takenSkus: string[] = [];
  for (let i = 0; i < skus.length; i += 2_000) {
    const batch = skus.slice(i, i + 2_000);
    takenSkus.push(...(await claimSkusFor(tx, rows, batch)));
  }
  return { inserted, takenSkus };
}

async function claimSkusFor(tx: ProductExecutor, rows: NewProduct[], skus: string[]): Promise<string[]> {
  const owner = new Map(rows.flatMap((row) => row.document.variants.map((v) => [v.sku, row.id] as const)));
  const claimed = await tx
    .insert(productSkus)
    .values(skus.map((sku) => ({ sku, productId: owner.get(sku)! })))
    .onConflictDoNothing()
    .returning({ sku: productSkus.sku });
  const mine = new Set(claimed.map((row) => row.sku));
  return skus.filter((sku) => !mine.has(sku));
}

/** Claims SKUs for one product; returns those another product already holds. */
export async function claimSkus(tx: ProductExecutor, productId: string, skus: string[]): Promise<string[]> {
  if (skus.length === 0) return [];
  const claimed = await tx
    .insert(productSkus)
    .values(skus.map((sku) => ({ sku, productId })))
    .onConflictDoNothing()
    .returning({ sku: productSkus.sku });
  const mine = new Set(claimed.map((row) => row.sku));
  return skus.filter((sku) => !mine.has(sku));
}

export async function releaseSkus(tx: ProductExecutor, productId: string, skus: string[]): Promise<void> {
  if (skus.length === 0) return;
  await tx
    .delete(productSkus)
    .where(and(eq(productSkus.productId, productId), inArray(productSkus.sku, skus)));
}

export interface ProductChanges {
  slug: string;
  status: ProductStatus;
  categoryId: string | null;
  document: ProductDocument;
  priceMinMinor: number;
  currency: string;
}

export async function updateProduct(tx: ProductExecutor, id: string, changes: ProductChanges): Promise<void> {
  await tx
    .update(products)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(products.id, id));
}

/** Rewrites the document alone (images, rating): the promoted columns do not depend on those parts. */
export async function updateDocument(tx: ProductExecutor, id: string, document: ProductDocument) {
  await tx.update(products).set({ document, updatedAt: sql`now()` }).where(eq(products.id, id));
}

/** Marks products changed (their category moved or was renamed) so consumers order the update right. */
export async function touchProducts(tx: ProductExecutor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.update(products).set({ updatedAt: sql`now()` }).where(inArray(products.id, ids));
}
