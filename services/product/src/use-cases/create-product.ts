import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { productKeys } from '../cache/cache-keys.js';
import { findCategoryBySlug } from '../db/categories.repo.js';
import { findProductById, insertProducts } from '../db/products.repo.js';
import { productErrors } from '../domain/errors.js';
import { type ProductDocument, promotedColumnsOf } from '../domain/product.js';
import type { ProductInput } from '../domain/product-input.js';
import { assertProductConsistent } from '../domain/product-rules.js';
import { type ProductView, productView } from '../domain/product-view.js';
import type { ProductDeps } from './deps.js';
import { announceProduct } from './product-events.js';

/** The stored document of a new product: no images or reviews yet. */
export function newDocumentOf(input: ProductInput): ProductDocument {
  const { slug: _, status: __, categorySlug: ___, ...fields } = input;
  return { ...fields, images: [], rating: { count: 0, average: 0 } };
}

/**
 * Admin: adds a product, and `product.created` with it in one transaction.
 * New products are drafts unless the admin publishes them at once.
 */
export async function createProduct(
  deps: ProductDeps,
  ctx: RequestContext,
  input: ProductInput,
): Promise<ProductView> {
  const document = newDocumentOf(input);
  assertProductConsistent(input.slug, document);
  const category = input.categorySlug ? await findCategoryBySlug(deps.db, input.categorySlug) : undefined;
  if (input.categorySlug && !category)
    throw productErrors.CATEGORY_NOT_FOUND(`category "${input.categorySlug}" does not exist`);

  const id = randomUUID();
  const product = await deps.db.transaction(async (tx) => {
    const { inserted, takenSkus } = await insertProducts(tx, [
      {
        id,
        slug: input.slug,
        status: input.status ?? 'draft',
        categoryId: category?.id ?? null,
        document,
        ...promotedColumnsOf(document),
      },
    ]);
    if (!inserted.has(id)) throw productErrors.PRODUCT_SLUG_TAKEN(`slug "${input.slug}" is taken`);
    if (takenSkus.length > 0) {
      throw productErrors.SKU_TAKEN(`SKUs already sold by another product: ${takenSkus.join(', ')}`, {
        skus: takenSkus,
      });
    }
    const created = (await findProductById(tx, id))!;
    await announceProduct(deps, ctx, tx, 'created', created);
    return created;
  });
  await deps.cache.invalidate(productKeys([product]));
  deps.metrics.productsCreated.inc();
  ctx.logger.info({ productId: id, slug: product.slug, status: product.status }, 'product created');
  return productView(product);
}
