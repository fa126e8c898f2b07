import { decodeCursor, type Page, pageFromRows } from '@emporium/platform/http/keyset-page';
import { findCategoryBySlug } from '../db/categories.repo.js';
import { listProductSummaries, type ProductSummaryRow } from '../db/products-list.query.js';
import { productErrors } from '../domain/errors.js';
import type { ProductStatus } from '../domain/product.js';
import { type ProductSort, positionOf, productListPositions } from '../domain/product-listing.js';
import type { ProductDeps } from './deps.js';

export interface ListProductsInput {
  status: ProductStatus;
  category?: string | undefined;
  q?: string | undefined;
  sort: ProductSort;
  limit: number;
  cursor?: string | undefined;
}

export async function listProducts(
  deps: ProductDeps,
  input: ListProductsInput,
): Promise<Page<ProductSummaryRow>> {
  const after = input.cursor ? decodeCursor(productListPositions[input.sort], input.cursor) : undefined;
  if (input.category && !(await findCategoryBySlug(deps.db, input.category))) {
    throw productErrors.CATEGORY_NOT_FOUND(`category "${input.category}" does not exist`);
  }
  const rows = await listProductSummaries(deps.db, {
    status: input.status,
    categorySlug: input.category,
    q: input.q,
    sort: input.sort,
    limit: input.limit,
    after,
  });
  return pageFromRows(rows, input.limit, (row) => positionOf(input.sort, row));
}
