import type { RequestContext } from '@emporium/platform/http/request-context';
import { productKeys } from '../cache/cache-keys.js';
import { findProductById, lockProduct, updateDocument } from '../db/products.repo.js';
import { productErrors } from '../domain/errors.js';
import { maxImages, type ProductImage } from '../domain/product.js';
import { type ProductView, productView } from '../domain/product-view.js';
import { imageKey } from '../images/image-storage.js';
import type { ProductDeps } from './deps.js';
import { announceProduct } from './product-events.js';

export const imageUrlOf = (productId: string, imageId: string, size: number) =>
  `/api/v1/products/${productId}/images/${imageId}/${size}`;

/**
 * Admin: adds an image to a product. The bytes decide (see ImageProcessor):
 * a text file named `.png` is refused. Renditions are stored first, outside
 * any transaction; then the document gains the image (and `imageUrl`, when
 * it had none) with `product.updated`. Uploading the same file again adds
 * nothing: its id is its content hash.
 */
export async function uploadProductImage(
  deps: ProductDeps,
  ctx: RequestContext,
  input: { productId: string; data: Buffer; alt: string },
): Promise<{ image: ProductImage; product: ProductView }> {
  if (!(await findProductById(deps.db, input.productId)))
    throw productErrors.PRODUCT_NOT_FOUND(`no product "${input.productId}"`);
  const processed = await deps.images.processor.process(input.data);
  await Promise.all(
    processed.renditions.map((rendition) =>
      deps.images.storage.put(
        imageKey(input.productId, processed.id, rendition.size),
        rendition.data,
        'image/webp',
      ),
    ),
  );
  const image: ProductImage = {
    id: processed.id,
    alt: input.alt,
    width: processed.width,
    height: processed.height,
    urls: Object.fromEntries(
      processed.renditions.map((r) => [String(r.size), imageUrlOf(input.productId, processed.id, r.size)]),
    ),
  };

  const product = await deps.db.transaction(async (tx) => {
    const current = await lockProduct(tx, input.productId);
    if (!current) throw productErrors.PRODUCT_NOT_FOUND(`no product "${input.productId}"`);
    if (current.document.images.some((existing) => existing.id === image.id)) return current;
    if (current.document.images.length >= maxImages)
      throw productErrors.TOO_MANY_IMAGES(`at most ${maxImages} images`);
    await updateDocument(tx, current.id, {
      ...current.document,
      images: [...current.document.images, image],
      imageUrl: current.document.imageUrl ?? image.urls['480'] ?? null,
    });
    const updated = (await findProductById(tx, current.id))!;
    await announceProduct(deps, ctx, tx, 'updated', updated);
    return updated;
  });
  await deps.cache.invalidate(productKeys([product]));
  deps.metrics.imagesUploaded.inc();
  ctx.logger.info(
    { productId: product.id, imageId: image.id, format: processed.format },
    'product image added',
  );
  return { image: product.document.images.find((i) => i.id === image.id)!, product: productView(product) };
}
