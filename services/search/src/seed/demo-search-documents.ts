import type { DemoCatalog, DemoProduct } from '@emporium/contracts/demo/demo-catalog';
import { demoProductId } from '@emporium/contracts/demo/demo-ids';
import type { KnownCategory } from '../domain/catalog-product.js';
import { attributesOf, labelOfSlug, type SearchDocument } from '../domain/search-document.js';

/** The index document of a demo product, as the product service describes it in its events. */
export function demoSearchDocument(
  product: DemoProduct,
  categories: ReadonlyMap<string, KnownCategory>,
): SearchDocument {
  const prices = product.variants.map((variant) => variant.priceMinor);
  const path = categories.get(product.categorySlug)?.path ?? [product.categorySlug];
  return {
    productId: demoProductId(product.sourceId),
    slug: product.slug,
    title: product.title,
    description: product.description,
    brand: product.brand,
    categorySlugs: path,
    categoryNames: path.map((slug) => categories.get(slug)?.name ?? labelOfSlug(slug)),
    tags: product.tags,
    skus: product.variants.map((variant) => variant.sku),
    priceMinMinor: Math.min(...prices),
    priceMaxMinor: Math.max(...prices),
    currency: product.currency,
    inStock: product.variants.some((variant) => Object.values(variant.stock).some((units) => units > 0)),
    rating: product.rating.average,
    // Until behaviour events feed it, popularity is how many people reviewed the product.
    popularity: product.rating.count,
    imageUrl: product.imageUrl,
    attributes: attributesOf(product.variants),
    createdAt: new Date(product.createdAt),
    sourceUpdatedAt: null,
  };
}

export function demoCategories(catalog: DemoCatalog): Map<string, KnownCategory> {
  return new Map(catalog.categories.map(({ slug, name, path }) => [slug, { slug, name, path }]));
}

export function demoSearchDocuments(catalog: DemoCatalog): SearchDocument[] {
  const categories = demoCategories(catalog);
  return catalog.products.map((product) => demoSearchDocument(product, categories));
}

/** Units available per SKU across warehouses, as the inventory service seeds them. */
export function demoAvailability(catalog: DemoCatalog): Array<{ sku: string; totalAvailable: number }> {
  return catalog.products.flatMap((product) =>
    product.variants.map((variant) => ({
      sku: variant.sku,
      totalAvailable: Object.values(variant.stock).reduce((sum, units) => sum + units, 0),
    })),
  );
}
