import type { RequestContext } from '@emporium/platform/http/request-context';
import { productKeys } from '../cache/cache-keys.js';
import { findProductById, lockProduct, updateDocument } from '../db/products.repo.js';
import { productErrors } from '../domain/errors.js';
import { type ProductView, productView } from '../domain/product-view.js';
import { imageKey } from '../images/image-storage.js';
import type { ProductDeps } from './deps.js';
import { announceProduct } from './product-events.js';

/**
 * Admin: removes an image from a product (and `imageUrl`, when it pointed at
 * it, falls back to the next image). The files are deleted once the change
 * committed; a failure there leaves unreferenced files, never a broken product.
 */
export async function deleteProductImage(
  deps: ProductDeps,
  ctx: RequestContext,
  input: { productId: string; imageId: string },
): Promise<ProductView> {
  const { product, removed } = await deps.db.transaction(async (tx) => {
    const current = await lockProduct(tx, input.productId);
    if (!current) throw productErrors.PRODUCT_NOT_FOUND(`no product "${input.productId}"`);
    const removed = current.document.images.find((image) => image.id === input.imageId);
    if (!removed) throw productErrors.IMAGE_NOT_FOUND(`no image "${input.imageId}" on this product`);
    const images = current.document.images.filter((image) => image !== removed);
    const pointedAtRemoved = Object.values(removed.urls).includes(current.document.imageUrl ?? '');
    await updateDocument(tx, current.id, {
      ...current.document,
      images,
      imageUrl: pointedAtRemoved ? (images[0]?.urls['480'] ?? null) : current.document.imageUrl,
    });
    const updated = (await findProductById(tx, current.id))!;
    await announceProduct(deps, ctx, tx, 'updated', updated);
    return { product: updated, removed };
  });
  await deps.cache.invalidate(productKeys([product]));
  await deps.images.storage
    .delete(Object.keys(removed.urls).map((size) => imageKey(product.id, removed.id, Number(size))))
    .catch((error: unknown) =>
      ctx.logger.warn({ err: error, imageId: removed.id }, 'image files not deleted'),
    );
  return productView(product);
}
