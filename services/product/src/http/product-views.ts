import type { ProductRecord } from '../db/products.repo.js';
import type { ProductSummaryRow } from '../db/products-list.query.js';

/** The API shape of a product: its document's fields beside the promoted columns. */
export function productView(product: ProductRecord) {
  const { document, createdAt, updatedAt, ...columns } = product;
  return {
    ...columns,
    ...document,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export function productSummaryView(row: ProductSummaryRow) {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
