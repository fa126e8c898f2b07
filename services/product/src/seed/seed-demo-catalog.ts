import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { categoryIdsBySlug, insertCategoriesIfAbsent } from '../db/categories.repo.js';
import { findProductsByIds, insertProducts, type NewProduct } from '../db/products.repo.js';
import type { ProductDeps } from '../use-cases/deps.js';
import { announceProducts } from '../use-cases/product-events.js';
import { demoCategoryLevels, demoCategoryRow, demoProductRow } from './demo-product-rows.js';

/**
 * Loads the demo categories and products in bulk: multi-row inserts, one
 * transaction per chunk, each with a `product.created` per new product
 * (written in bulk too), so the search index and the recommender build
 * themselves from events. What exists (by slug) is kept, and announced no
 * second time, so it is safe on every start.
 */
export async function seedDemoCatalog(
  deps: ProductDeps,
  demo: DemoData,
  progress: (message: string) => void,
) {
  const { categories, products } = demo.catalog;
  const categoryIds = new Map<string, string>();
  let categoriesAdded = 0;
  for (const level of demoCategoryLevels(demo.catalog)) {
    const parents = await categoryIdsBySlug(deps.db, [...new Set(level.map((c) => c.parentSlug ?? ''))]);
    categoriesAdded += await insertCategoriesIfAbsent(
      deps.db,
      level.map((c) => demoCategoryRow(c, c.parentSlug ? (parents.get(c.parentSlug) ?? null) : null)),
    );
    for (const [slug, id] of await categoryIdsBySlug(
      deps.db,
      level.map((c) => c.slug),
    ))
      categoryIds.set(slug, id);
  }
  progress(`product: ${categoriesAdded} of ${categories.length} demo categories added`);

  let productsAdded = 0;
  for (let i = 0; i < products.length; i += deps.seedChunkSize) {
    const chunk = products.slice(i, i + deps.seedChunkSize);
    productsAdded += await insertChunk(
      deps,
      chunk.map((p) => demoProductRow(p, categoryIds.get(p.categorySlug) ?? null)),
    );
    if (products.length > deps.seedChunkSize) {
      progress(
        `product: ${Math.min(i + chunk.length, products.length)}/${products.length} demo products seen`,
      );
    }
  }
  progress(`product: ${productsAdded} of ${products.length} demo products added`);
}

async function insertChunk(deps: ProductDeps, rows: NewProduct[]): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const { inserted } = await insertProducts(tx, rows);
    await announceProducts(undefined, tx, 'created', await findProductsByIds(tx, [...inserted]));
    return inserted.size;
  });
}
