import { type Static, Type } from 'typebox';
import type { ProductStatus } from './product.js';

/** Orders a product list can be read in; each is a keyset over promoted columns, ties broken by id. */
export const ProductSort = Type.Union([
  Type.Literal('newest'),
  Type.Literal('price_asc'),
  Type.Literal('price_desc'),
]);
export type ProductSort = Static<typeof ProductSort>;

const Id = Type.String({ format: 'uuid' });

/**
 * Where a page ended: the sort it was read in and the last row's key in that
 * sort. A cursor read in another sort does not match and is refused.
 */
export const productListPositions = {
  newest: Type.Tuple([Type.Literal('newest'), Type.String({ format: 'date-time' }), Id]),
  price_asc: Type.Tuple([Type.Literal('price_asc'), Type.Integer(), Id]),
  price_desc: Type.Tuple([Type.Literal('price_desc'), Type.Integer(), Id]),
};
export type ProductListPosition = Static<(typeof productListPositions)[ProductSort]>;

export interface ProductListFilter {
  status: ProductStatus;
  categorySlug?: string | undefined;
  /** Words in the title (full-text search is the search service's job). */
  q?: string | undefined;
  sort: ProductSort;
  limit: number;
  after?: ProductListPosition | undefined;
}

export function positionOf(
  sort: ProductSort,
  row: { id: string; createdAt: Date; priceMinMinor: number },
): ProductListPosition {
  return sort === 'newest' ? [sort, row.createdAt.toISOString(), row.id] : [sort, row.priceMinMinor, row.id];
}
