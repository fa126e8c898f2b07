/** A product as the recommender keeps it: the words content similarity reads, its SKUs and its status. */
export interface CatalogRow {
  productId: string;
  title: string;
  description: string;
  brand: string | null;
  category: string;
  tags: string;
  skus: string[];
  status: 'draft' | 'active' | 'archived' | 'deleted';
  sourceUpdatedAt: Date;
}

/** The members of the `product.created` / `product.updated` payload the recommender reads. */
export interface ProductDocumentLike {
  id: string;
  title: string;
  description: string;
  brand: string | null;
  categorySlugs: string[];
  tags: string[];
  status: 'draft' | 'active' | 'archived';
  variants: ReadonlyArray<{ sku: string; options: Record<string, string> }>;
  updatedAt: string;
  category?: { name: string; path: string[] } | null | undefined;
  productType?: string | undefined;
}

/** "apparel-accessories-clothing-dresses" → "apparel accessories clothing dresses". */
const wordsOfSlug = (slug: string) => slug.replaceAll('-', ' ');

export function catalogRowOf(product: ProductDocumentLike): CatalogRow {
  // The deepest slug repeats its ancestors' words; the category name adds the human one.
  const slugs = product.category?.path ?? product.categorySlugs;
  const deepest = slugs.at(-1) ?? product.categorySlugs.at(-1);
  const category = [product.category?.name, deepest ? wordsOfSlug(deepest) : undefined]
    .filter((part): part is string => Boolean(part))
    .join(' ');
  const optionValues = new Set(product.variants.flatMap((v) => Object.values(v.options)));
  return {
    productId: product.id,
    title: product.title,
    description: product.description,
    brand: product.brand,
    category,
    tags: [...product.tags, product.productType ?? '', ...optionValues].filter(Boolean).join(' '),
    skus: product.variants.map((v) => v.sku),
    status: product.status,
    sourceUpdatedAt: new Date(product.updatedAt),
  };
}
