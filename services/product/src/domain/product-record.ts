import type { ProductDocument, ProductStatus } from './product.js';

export interface CategoryRef {
  id: string;
  slug: string;
  name: string;
  /** Slugs from the root down, this category last. */
  path: string[];
}

/** A stored product: the document beside the columns promoted out of it. */
export interface ProductRecord {
  id: string;
  slug: string;
  status: ProductStatus;
  category: CategoryRef | null;
  document: ProductDocument;
  priceMinMinor: number;
  currency: string;
  createdAt: Date;
  updatedAt: Date;
}
