import type { PayloadOf } from '@emporium/contracts/events/define-event';
import type { productCreated, productDeleted } from '@emporium/contracts/events/product-events';
import type { ProductRecord } from './product-record.js';

export type ProductEventData = PayloadOf<typeof productCreated>;

/**
 * The full document `product.created` / `product.updated` carry: everything
 * the search index and the recommender read, so they never call back.
 */
export function productEventData(product: ProductRecord): ProductEventData {
  const { document } = product;
  return {
    id: product.id,
    slug: product.slug,
    title: document.title,
    description: document.description,
    brand: document.brand,
    categorySlugs: product.category?.path ?? [],
    category: product.category,
    tags: document.tags,
    status: product.status,
    productType: document.productType,
    options: document.options,
    variants: document.variants.map((variant) => ({
      sku: variant.sku,
      title: variant.title,
      priceMinor: variant.priceMinor,
      compareAtMinor: variant.compareAtMinor,
      currency: variant.currency,
      options: variant.options,
    })),
    imageUrl: document.imageUrl,
    images: document.images,
    rating: document.rating,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

export function productDeletedData(product: ProductRecord, at: Date): PayloadOf<typeof productDeleted> {
  return {
    id: product.id,
    slug: product.slug,
    skus: product.document.variants.map((variant) => variant.sku),
    deletedAt: at.toISOString(),
  };
}
