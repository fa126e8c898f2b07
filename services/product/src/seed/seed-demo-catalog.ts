import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { categoryIdsBySlug, insertCategoriesIfAbsent } from '../db/categories.repo.js';
import { insertProductsIfAbsent } from '../db/products.repo.js';
import type { ProductDeps } from '../use-cases/deps.js';
import { demoCategoryLevels, demoCategoryRow, demoProductRow } from './demo-product-rows.js';

/**
 * Loads the demo categories and products in bulk: multi-row inserts, one
 * transaction per chunk. What exists (by slug) is kept, so it is safe on every start.
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
    productsAdded += await insertProductsIfAbsent(
      deps.db,
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
