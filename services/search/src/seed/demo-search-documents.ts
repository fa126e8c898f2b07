import type { DemoCatalog, DemoProduct } from '@emporium/contracts/demo/demo-catalog';
import { demoProductId } from '@emporium/contracts/demo/demo-ids';
import type { SearchDocument } from '../domain/search-document.js';

/** The index document of a demo product, as the product service will describe it in its events. */
export function demoSearchDocument(product: DemoProduct, categoryPath: string[]): SearchDocument {
  const prices = product.variants.map((variant) => variant.priceMinor);
  return {
    productId: demoProductId(product.sourceId),
    slug: product.slug,
    title: product.title,
    description: product.description,
    brand: product.brand,
    categorySlugs: categoryPath,
    tags: product.tags,
    priceMinMinor: Math.min(...prices),
    priceMaxMinor: Math.max(...prices),
    currency: product.currency,
    inStock: product.variants.some((variant) => Object.values(variant.stock).some((units) => units > 0)),
    rating: product.rating.average,
    // Until behaviour events feed it, popularity is how many people reviewed the product.
    popularity: product.rating.count,
    imageUrl: product.imageUrl,
    attributes: Object.fromEntries(product.options.map((option) => [option.name, option.values])),
    createdAt: new Date(product.createdAt),
  };
}

export function demoSearchDocuments(catalog: DemoCatalog): SearchDocument[] {
  const paths = new Map(catalog.categories.map((category) => [category.slug, category.path]));
  return catalog.products.map((product) =>
    demoSearchDocument(product, paths.get(product.categorySlug) ?? [product.categorySlug]),
  );
}
