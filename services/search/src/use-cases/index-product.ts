import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { replaceProductSkus } from '../db/availability.repo.js';
import { upsertCategories } from '../db/categories.repo.js';
import { hideProduct, unhideProduct } from '../db/hidden-products.repo.js';
import { indexContextOf } from '../db/index-context.query.js';
import { type CatalogProduct, type KnownCategory, searchDocumentOf } from '../domain/catalog-product.js';
import type { SearchDeps } from './deps.js';

export type IndexOutcome = 'indexed' | 'hidden' | 'stale';

const sameCategory = (a: KnownCategory | undefined, b: KnownCategory) =>
  a !== undefined && a.name === b.name && a.path.join('/') === b.path.join('/');

/**
 * Applies a product as the catalog now describes it (`product.created`,
 * `product.updated`), in the caller's transaction: an active product is
 * (re)indexed with its stock, any other status takes it out of the index.
 * A version older than what the index holds, or than a removal already
 * applied, changes nothing: events may arrive late or twice. Runs for
 * every product event, so it keeps to a few statements.
 */
export async function indexProduct(
  deps: Pick<SearchDeps, 'engine'>,
  tx: SqlExecutor,
  product: CatalogProduct,
  receivedAt: Date,
): Promise<IndexOutcome> {
  const version = new Date(product.updatedAt);
  const writer = deps.engine.writer(tx);
  if (product.status !== 'active') {
    await hideProduct(tx, { productId: product.id, asOf: version, reason: 'inactive' });
    await writer.remove(product.id, version);
    return 'hidden';
  }

  const skus = product.variants.map((variant) => variant.sku);
  const own = product.category;
  const context = await indexContextOf(tx, {
    productId: product.id,
    skus,
    categorySlugs: [...product.categorySlugs, ...(own ? [own.slug, ...own.path] : [])],
  });
  if (context.hiddenAsOf && context.hiddenAsOf >= version) return 'stale';
  // The catalog named a category the service did not know (or knew otherwise): remember it.
  if (own && !sameCategory(context.categories.get(own.slug), own)) {
    await upsertCategories(tx, [own]);
    context.categories.set(own.slug, own);
  }
  // A payload without createdAt keeps the date the product was first indexed with.
  const createdAtFallback = product.createdAt
    ? receivedAt
    : ((await writer.current(product.id))?.createdAt ?? receivedAt);
  const document = searchDocumentOf(product, {
    categories: context.categories,
    inStock: context.inStock,
    createdAtFallback,
  });
  if (!(await writer.upsert(document))) return 'stale';
  await replaceProductSkus(tx, product.id, skus);
  if (context.hiddenAsOf) await unhideProduct(tx, product.id);
  return 'indexed';
}
