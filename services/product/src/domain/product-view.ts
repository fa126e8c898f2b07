import type { ProductSummaryRow } from '../db/products-list.query.js';
import type { ProductRecord } from './product-record.js';

/** The API shape of a product: its document's fields beside the promoted columns. Plain JSON: cacheable. */
export function productView(product: ProductRecord) {
  const { document, createdAt, updatedAt, ...columns } = product;
  return {
    ...columns,
    ...document,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export type ProductView = ReturnType<typeof productView>;

export function productSummaryView(row: ProductSummaryRow) {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
