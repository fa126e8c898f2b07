/** What the product service caches: a product by id and by slug, and the category tree. */
export const cacheKinds = {
  productById: 'product-id',
  productBySlug: 'product-slug',
  categoryTree: 'category-tree',
} as const;

export const categoryTreeKey = [[cacheKinds.categoryTree, 'all']] as const;

/** Every key a change to these products makes stale (old and new slugs alike). */
export function productKeys(
  products: ReadonlyArray<{ id: string; slug: string }>,
): Array<readonly [string, string]> {
  return products.flatMap((product) => [
    [cacheKinds.productById, product.id] as const,
    [cacheKinds.productBySlug, product.slug] as const,
  ]);
}
