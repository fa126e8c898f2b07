import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { recordAvailabilityIfAbsent, upsertProductSkus } from '../db/availability.repo.js';
import { upsertCategories } from '../db/categories.repo.js';
import type { SearchDeps } from '../use-cases/deps.js';
import { demoAvailability, demoCategories, demoSearchDocuments } from './demo-search-documents.js';

/**
 * The initial index from the demo catalog, in bulk (product and inventory
 * events keep it current afterwards), with the stock and SKU map `inStock`
 * is derived from. Documents already indexed are kept, so it is safe on every start.
 */
export async function seedDemoIndex(deps: SearchDeps, demo: DemoData, progress: (message: string) => void) {
  const chunk = deps.settings.seedChunkSize;
  await upsertCategories(deps.db, [...demoCategories(demo.catalog).values()], 'keep');
  const levels = demoAvailability(demo.catalog);
  for (let i = 0; i < levels.length; i += chunk) {
    await recordAvailabilityIfAbsent(deps.db, levels.slice(i, i + chunk));
  }
  const documents = demoSearchDocuments(demo.catalog);
  let added = 0;
  for (let i = 0; i < documents.length; i += chunk) {
    const batch = documents.slice(i, i + chunk);
    await upsertProductSkus(
      deps.db,
      batch.flatMap((d) => d.skus.map((sku) => ({ sku, productId: d.productId }))),
      'keep',
    );
    added += await deps.engine.addMissing(batch);
  }
  progress(`search: ${added} of ${documents.length} demo products indexed`);
}
