import { cacheKinds } from '../cache/cache-keys.js';
import { findProductById, findProductBySlug } from '../db/products.repo.js';
import { productErrors } from '../domain/errors.js';
import { type ProductView, productView } from '../domain/product-view.js';
import type { ProductDeps } from './deps.js';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * By id when the key is a UUID, by slug otherwise (slugs may never look like
 * UUIDs). Read through the cache; every write invalidates both keys.
 */
export async function getProduct(deps: ProductDeps, idOrSlug: string): Promise<ProductView> {
  const byId = uuidShape.test(idOrSlug);
  const key = byId ? idOrSlug.toLowerCase() : idOrSlug;
  const view = await deps.cache.get(
    byId ? cacheKinds.productById : cacheKinds.productBySlug,
    key,
    async () => {
      const product = byId ? await findProductById(deps.db, key) : await findProductBySlug(deps.db, key);
      return product ? productView(product) : undefined;
    },
  );
  if (!view) throw productErrors.PRODUCT_NOT_FOUND(`no product "${idOrSlug}"`);
  return view;
}
