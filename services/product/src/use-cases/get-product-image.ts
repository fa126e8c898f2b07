import { productErrors } from '../domain/errors.js';
import { renditionSizes } from '../images/image-processor.js';
import { imageKey, type StoredImage } from '../images/image-storage.js';
import type { ProductDeps } from './deps.js';

/**
 * One rendition of a product image, straight from storage (no database
 * read: the key is the product, the content hash and the size).
 */
export async function getProductImage(
  deps: ProductDeps,
  input: { productId: string; imageId: string; size: number },
): Promise<StoredImage> {
  if (!(renditionSizes as readonly number[]).includes(input.size)) {
    throw productErrors.IMAGE_NOT_FOUND(`sizes are ${renditionSizes.join(', ')}`);
  }
  const stored = await deps.images.storage.get(imageKey(input.productId, input.imageId, input.size));
  if (!stored) throw productErrors.IMAGE_NOT_FOUND();
  return stored;
}
