import { findProductById, findProductBySlug, type ProductRecord } from '../db/products.repo.js';
import { productErrors } from '../domain/errors.js';
import type { ProductDeps } from './deps.js';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** By id when the key is a UUID, by slug otherwise (slugs may never look like UUIDs). */
export async function getProduct(deps: ProductDeps, idOrSlug: string): Promise<ProductRecord> {
  const product = uuidShape.test(idOrSlug)
    ? await findProductById(deps.db, idOrSlug.toLowerCase())
    : await findProductBySlug(deps.db, idOrSlug);
  if (!product) throw productErrors.PRODUCT_NOT_FOUND(`no product "${idOrSlug}"`);
  return product;
}
