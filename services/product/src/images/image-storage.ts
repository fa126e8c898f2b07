import type { Readable } from 'node:stream';

export interface StoredImage {
  body: Readable;
  contentType: string;
  /** Bytes, when the store knows. */
  size?: number | undefined;
}

/**
 * Where image renditions live: a local directory (embedded and development)
 * or an S3-compatible bucket (production). Keys are this service's own,
 * `<productId>/<imageId>/<size>.webp`, never caller input. Objects are
 * immutable: an image id is the content hash of the upload.
 */
export interface ImageStorage {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object, or undefined when there is none. */
  get(key: string): Promise<StoredImage | undefined>;
  delete(keys: string[]): Promise<void>;
}

const keyShape = /^[0-9a-f-]{36}\/[0-9a-f]{32}\/[0-9]{1,5}\.webp$/;

/** Every adapter checks keys: a key is a product UUID, an image hash and a size, nothing else. */
export function assertImageKey(key: string): void {
  if (!keyShape.test(key)) throw new Error(`not an image key: ${key}`);
}

export function imageKey(productId: string, imageId: string, size: number): string {
  return `${productId}/${imageId}/${size}.webp`;
}
