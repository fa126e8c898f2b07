import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { demoProductId } from '@emporium/contracts/demo/demo-ids';
import {
  insertCatalogProductsIfAbsent,
  insertSkuStockIfAbsent,
  refreshAvailability,
} from '../db/catalog.repo.js';
import { catalogRowOf } from '../domain/catalog-product.js';
import type { RecommendationDeps } from '../use-cases/deps.js';

/**
 * The catalog projection from the demo data, for a first embedded start
 * (the product service seeds its rows without events). Idempotent: rows the
 * service already has, from events or an earlier seed, are kept. Their
 * content neighbours come from the full rebuild the model worker runs soon
 * after start (`modelRebuildAtStartDelayMs`).
 */
export async function seedDemoCatalog(
  deps: Pick<RecommendationDeps, 'db'>,
  demo: DemoData,
  progress: (message: string) => void,
): Promise<void> {
  const categories = new Map(demo.catalog.categories.map((c) => [c.slug, c]));
  const rows = demo.catalog.products.map((product) => {
    const category = categories.get(product.categorySlug);
    return catalogRowOf({
      id: demoProductId(product.sourceId),
      title: product.title,
      description: product.description,
      brand: product.brand,
      categorySlugs: category?.path ?? [product.categorySlug],
      category: category ? { name: category.name, path: category.path } : null,
      tags: product.tags,
      productType: product.productType,
      status: 'active',
      variants: product.variants,
      updatedAt: new Date(0).toISOString(),
    });
  });
  const inserted = await insertCatalogProductsIfAbsent(deps.db, rows);
  await insertSkuStockIfAbsent(
    deps.db,
    demo.catalog.products.flatMap((product) =>
      product.variants.map((v) => ({
        sku: v.sku,
        totalAvailable: Object.values(v.stock).reduce((sum, n) => sum + n, 0),
      })),
    ),
  );
  if (inserted > 0) await refreshAvailability(deps.db);
  progress(`recommendation: ${inserted} demo products in the catalog projection`);
}
