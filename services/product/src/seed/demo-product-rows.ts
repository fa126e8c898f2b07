import type { DemoCatalog, DemoProduct } from '@emporium/contracts/demo/demo-catalog';
import { demoProductId } from '@emporium/contracts/demo/demo-ids';
import type { NewCategory } from '../db/categories.repo.js';
import type { NewProduct } from '../db/products.repo.js';
import { lowestPriceOf, type ProductDocument } from '../domain/product.js';

/** The demo categories grouped by depth: a level can be inserted once its parents exist. */
export function demoCategoryLevels(catalog: DemoCatalog): Array<DemoCatalog['categories']> {
  const depth = Math.max(0, ...catalog.categories.map((category) => category.path.length));
  return Array.from({ length: depth }, (_, level) =>
    catalog.categories.filter((category) => category.path.length === level + 1),
  );
}

export function demoCategoryRow(
  category: DemoCatalog['categories'][number],
  parentId: string | null,
): NewCategory {
  return {
    slug: category.slug,
    name: category.name,
    parentId,
    path: category.path,
    position: category.position,
  };
}

export function demoProductRow(product: DemoProduct, categoryId: string | null): NewProduct {
  const document: ProductDocument = {
    title: product.title,
    description: product.description,
    brand: product.brand,
    productType: product.productType,
    tags: product.tags,
    options: product.options,
    variants: product.variants.map(({ stock: _, ...variant }) => ({
      ...variant,
      currency: product.currency,
    })),
    imageUrl: product.imageUrl,
    images: [],
    rating: product.rating,
  };
  const lowest = lowestPriceOf(document.variants);
  return {
    // The same id the other services derive for this demo product (search, recommendation, ...).
    id: demoProductId(product.sourceId),
    slug: product.slug,
    status: 'active',
    categoryId,
    document,
    priceMinMinor: lowest.priceMinor,
    currency: lowest.currency,
    createdAt: new Date(product.createdAt),
  };
}
