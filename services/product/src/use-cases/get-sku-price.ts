import { findSkuOwner } from '../db/skus.repo.js';
import { productErrors } from '../domain/errors.js';
import type { ProductStatus } from '../domain/product.js';
import type { ProductDeps } from './deps.js';

export interface SkuPrice {
  productId: string;
  slug: string;
  sku: string;
  title: string;
  variantTitle: string;
  priceMinor: number;
  compareAtMinor: number | null;
  currency: string;
  status: ProductStatus;
}

/** The current price of one SKU: what the order service re-validates a cart line against. */
export async function getSkuPrice(deps: ProductDeps, sku: string): Promise<SkuPrice> {
  const owner = await findSkuOwner(deps.db, sku);
  const variant = owner?.document.variants.find((candidate) => candidate.sku === sku);
  if (!owner || !variant) throw productErrors.SKU_NOT_FOUND(`no product sells SKU "${sku}"`);
  return {
    productId: owner.productId,
    slug: owner.slug,
    sku,
    title: owner.document.title,
    variantTitle: variant.title,
    priceMinor: variant.priceMinor,
    compareAtMinor: variant.compareAtMinor,
    currency: variant.currency,
    status: owner.status,
  };
}
