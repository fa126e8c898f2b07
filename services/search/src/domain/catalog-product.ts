import { attributesOf, labelOfSlug, type SearchDocument } from './search-document.js';

/**
 * A product as the catalog describes it, in its events (`product.created`,
 * `product.updated`) and its API. The members past `updatedAt` are read when
 * present and optional otherwise, so a richer payload is used as soon as the
 * catalog sends it and an older one still indexes.
 */
export interface CatalogProduct {
  id: string;
  slug: string;
  title: string;
  description: string;
  brand: string | null;
  status: 'draft' | 'active' | 'archived';
  /** The product's category, alone or with its ancestors. */
  categorySlugs: string[];
  tags: string[];
  variants: ReadonlyArray<{
    sku: string;
    priceMinor: number;
    currency: string;
    options: Record<string, string>;
  }>;
  imageUrl: string | null;
  updatedAt: string;
  createdAt?: string | undefined;
  rating?: { average: number; count: number } | undefined;
  /** The product's own category, named, with its path of slugs from the root. */
  category?: KnownCategory | null | undefined;
}

export interface KnownCategory {
  slug: string;
  name: string;
  /** Slugs from the root down, this category last. */
  path: string[];
}

/**
 * The product's category path, root first, with names: the path the
 * catalog sent, else the deepest category the service knows; names come
 * from the payload, then the catalog's tree as last seen, then the slug itself.
 */
export function categoryPathOf(
  product: Pick<CatalogProduct, 'categorySlugs' | 'category'>,
  known: ReadonlyMap<string, KnownCategory>,
): { slugs: string[]; names: string[] } {
  const own = product.category ? [product.category.slug] : [];
  const deepest = [product.category, ...product.categorySlugs.map((slug) => known.get(slug))]
    .filter((category) => category !== undefined && category !== null)
    .sort((a, b) => b.path.length - a.path.length)[0];
  const slugs = [...new Set([...(deepest?.path ?? []), ...own, ...product.categorySlugs])];
  const names = slugs.map((slug) =>
    slug === product.category?.slug ? product.category.name : (known.get(slug)?.name ?? labelOfSlug(slug)),
  );
  return { slugs, names };
}

/** The index document of an active product; `inStock` comes from the stock the service has seen. */
export function searchDocumentOf(
  product: CatalogProduct,
  context: { categories: ReadonlyMap<string, KnownCategory>; inStock: boolean; createdAtFallback: Date },
): SearchDocument {
  const cheapest = product.variants.reduce((min, v) => (v.priceMinor < min.priceMinor ? v : min));
  const prices = product.variants.map((variant) => variant.priceMinor);
  const category = categoryPathOf(product, context.categories);
  return {
    productId: product.id,
    slug: product.slug,
    title: product.title,
    description: product.description,
    brand: product.brand,
    categorySlugs: category.slugs,
    categoryNames: category.names,
    tags: product.tags,
    skus: product.variants.map((variant) => variant.sku),
    priceMinMinor: cheapest.priceMinor,
    priceMaxMinor: Math.max(...prices),
    currency: cheapest.currency,
    inStock: context.inStock,
    rating: product.rating?.average ?? 0,
    // Until behaviour events feed it, popularity is how many people reviewed the product.
    popularity: product.rating?.count ?? 0,
    imageUrl: product.imageUrl,
    attributes: attributesOf(product.variants),
    createdAt: product.createdAt ? new Date(product.createdAt) : context.createdAtFallback,
    sourceUpdatedAt: new Date(product.updatedAt),
  };
}
