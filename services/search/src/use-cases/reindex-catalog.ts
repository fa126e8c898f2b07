import { isDependencyFailure } from '@emporium/platform/http/dependency-failure';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { CatalogResponseError } from '../catalog/product-catalog.client.js';
import { availableSkus, stockChangedSince, upsertProductSkus } from '../db/availability.repo.js';
import { allCategories, upsertCategories } from '../db/categories.repo.js';
import { hiddenSince } from '../db/hidden-products.repo.js';
import { type CatalogProduct, searchDocumentOf } from '../domain/catalog-product.js';
import { searchErrors } from '../domain/errors.js';
import type { SearchDeps } from './deps.js';

export interface ReindexReport {
  documents: number;
  pages: number;
  durationMs: number;
}

/**
 * Rebuilds the index from scratch from the product service's API: active
 * products page by page (keyset), each read whole, written to a copy of the
 * index that is swapped in at the end. HTTP calls and database writes
 * alternate; no transaction is held across a call. Events keep flowing
 * meanwhile: writers update the copy too, and removals and stock changes
 * received during the rebuild are applied again after the swap.
 */
export async function reindexCatalog(
  deps: SearchDeps,
  ctx: RequestContext | undefined,
  progress: (message: string) => void = () => {},
): Promise<ReindexReport> {
  const started = performance.now();
  try {
    await upsertCategories(deps.db, await deps.catalog.categories(ctx));
  } catch (error) {
    throw asCatalogError(error);
  }
  const categories = await allCategories(deps.db);
  const rebuild = await deps.engine.beginRebuild();
  let pages = 0;
  let written = 0;
  try {
    let cursor: string | null = null;
    do {
      const page = await deps.catalog.activeProductIds(ctx, cursor);
      const fetched = await mapConcurrently(page.ids, deps.settings.reindexConcurrency, (id) =>
        deps.catalog.product(ctx, id),
      );
      // Gone or deactivated since it was listed: its own event takes care of it.
      const products = fetched.filter((p): p is CatalogProduct => p?.status === 'active');
      const skus = products.flatMap((p) => p.variants.map((variant) => variant.sku));
      const available = await availableSkus(deps.db, skus);
      await upsertProductSkus(
        deps.db,
        products.flatMap((p) => p.variants.map((variant) => ({ sku: variant.sku, productId: p.id }))),
      );
      await rebuild.write(
        products.map((product) =>
          searchDocumentOf(product, {
            categories,
            inStock: product.variants.some((variant) => available.has(variant.sku)),
            createdAtFallback: new Date(product.updatedAt),
          }),
        ),
      );
      written += products.length;
      pages += 1;
      cursor = page.nextCursor;
      progress(`search: ${written} products read from the catalog (page ${pages})`);
    } while (cursor);
  } catch (error) {
    await rebuild.abort();
    throw asCatalogError(error);
  }
  const { documents } = await rebuild.commit();

  // What arrived while the copy was built may have been overtaken by the copy's own writes.
  const writer = deps.engine.writer(deps.db);
  for (const { productId, asOf } of await hiddenSince(deps.db, rebuild.startedAt)) {
    await writer.remove(productId, asOf);
  }
  for (const { productId, inStock } of await stockChangedSince(deps.db, rebuild.startedAt)) {
    await writer.setInStock(productId, inStock);
  }
  const durationMs = Math.round(performance.now() - started);
  deps.logger.info({ documents, pages, durationMs }, 'index rebuilt');
  return { documents, pages, durationMs };
}

function asCatalogError(error: unknown): unknown {
  if (isDependencyFailure(error) || error instanceof CatalogResponseError) {
    return searchErrors.CATALOG_UNAVAILABLE((error as Error).message);
  }
  return error;
}

/** Runs `work` over `items`, at most `limit` at a time, keeping their order. */
async function mapConcurrently<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}
