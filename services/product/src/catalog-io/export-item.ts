import type { ProductInput } from '../domain/product-input.js';
import type { ProductRecord } from '../domain/product-record.js';

/**
 * A product as the export writes it: the create/import input shape, so an
 * export imports back as is. Images are not part of it (they are files in
 * this shop's storage; `imageUrl` is kept as a link), nor are ratings.
 */
export function exportItemOf(product: ProductRecord): ProductInput {
  const { document } = product;
  return {
    slug: product.slug,
    status: product.status,
    ...(product.category ? { categorySlug: product.category.slug } : {}),
    title: document.title,
    description: document.description,
    brand: document.brand,
    productType: document.productType,
    tags: document.tags,
    options: document.options,
    variants: document.variants,
    imageUrl: document.imageUrl,
  };
}
