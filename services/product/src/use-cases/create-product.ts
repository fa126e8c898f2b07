import type { RequestContext } from '@emporium/platform/http/request-context';
import { findCategoryBySlug } from '../db/categories.repo.js';
import { insertProduct, type ProductRecord } from '../db/products.repo.js';
import { productErrors } from '../domain/errors.js';
import { lowestPriceOf, type ProductDocument, type ProductStatus } from '../domain/product.js';
import { productViolations } from '../domain/product-rules.js';
import type { ProductDeps } from './deps.js';
import { getProduct } from './get-product.js';

export interface CreateProductInput extends Omit<ProductDocument, 'rating'> {
  slug: string;
  status?: ProductStatus | undefined;
  categorySlug?: string | undefined;
}

/** Admin: adds a product. New products are drafts unless the admin publishes them at once. */
export async function createProduct(
  deps: ProductDeps,
  ctx: RequestContext,
  input: CreateProductInput,
): Promise<ProductRecord> {
  const { slug, status = 'draft', categorySlug, ...fields } = input;
  const document: ProductDocument = { ...fields, rating: { count: 0, average: 0 } };
  const violations = productViolations(slug, document);
  if (violations.length > 0) {
    throw productErrors.INVALID_PRODUCT(violations.map((v) => `${v.path} ${v.message}`).join('; '), {
      errors: violations.map((v) => ({ in: 'body', ...v })),
    });
  }
  const category = categorySlug ? await findCategoryBySlug(deps.db, categorySlug) : undefined;
  if (categorySlug && !category)
    throw productErrors.CATEGORY_NOT_FOUND(`category "${categorySlug}" does not exist`);

  const lowest = lowestPriceOf(document.variants);
  const outcome = await insertProduct(deps.db, {
    slug,
    status,
    categoryId: category?.id ?? null,
    document,
    priceMinMinor: lowest.priceMinor,
    currency: lowest.currency,
  });
  if ('conflict' in outcome) {
    if (outcome.conflict === 'slug') throw productErrors.PRODUCT_SLUG_TAKEN(`slug "${slug}" is taken`);
    throw productErrors.SKU_TAKEN(`SKUs already sold by another product: ${outcome.skus.join(', ')}`, {
      skus: outcome.skus,
    });
  }
  deps.metrics.productsCreated.inc();
  ctx.logger.info({ productId: outcome.id, slug, status }, 'product created');
  return getProduct(deps, outcome.id);
}
