import type { Static } from 'typebox';
import type { ProductConfig } from '../config.js';
import type { ImageStorage } from './image-storage.js';
import { createLocalImageStorage } from './local-image-storage.js';
import { createS3ImageStorage } from './s3-image-storage.js';

/** The storage the config names; S3 needs its endpoint, bucket and keys (reported at boot when missing). */
export function createImageStorage(config: Static<typeof ProductConfig>): ImageStorage {
  if (config.imageStorage === 'local') return createLocalImageStorage(config.productImageDir);
  const { s3Endpoint, s3Bucket, s3AccessKeyId, s3SecretAccessKey } = config;
  if (!s3Endpoint || !s3Bucket || !s3AccessKeyId || !s3SecretAccessKey) {
    throw new Error(
      'IMAGE_STORAGE=s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (or _FILE)',
    );
  }
  return createS3ImageStorage({
    endpoint: s3Endpoint,
    bucket: s3Bucket,
    region: config.s3Region,
    accessKeyId: s3AccessKeyId,
    secretAccessKey: s3SecretAccessKey,
    forcePathStyle: config.s3ForcePathStyle,
  });
}
