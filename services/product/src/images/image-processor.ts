import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { productErrors } from '../domain/errors.js';

/** Box sizes (longest side, px) of the WebP renditions made of every upload. */
export const renditionSizes = [160, 480, 1024] as const;

type Metadata = Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;

export interface ProcessedImage {
  /** First 128 bits of the upload's SHA-256: the same file always gets the same id. */
  id: string;
  width: number;
  height: number;
  format: string;
  renditions: Array<{ size: number; data: Buffer }>;
}

export interface ImageProcessor {
  process(data: Buffer): Promise<ProcessedImage>;
}

/** What is read is decided by the bytes (sharp sniffs the signature), never by a file name or a header. */
function acceptedFormat(metadata: Metadata): string | undefined {
  if (['jpeg', 'png', 'webp', 'gif'].includes(metadata.format)) return metadata.format;
  if (metadata.format === 'heif' && metadata.compression === 'av1') return 'avif';
  return undefined;
}

export function createImageProcessor(settings: { maxPixels: number }): ImageProcessor {
  const open = (data: Buffer) => sharp(data, { limitInputPixels: settings.maxPixels, failOn: 'error' });
  return {
    async process(data) {
      let metadata: Metadata;
      try {
        metadata = await open(data).metadata();
      } catch {
        throw productErrors.IMAGE_UNSUPPORTED('the content is not a JPEG, PNG, WebP, GIF or AVIF image');
      }
      const format = acceptedFormat(metadata);
      if (!format) {
        // SVG among them: it is a document that can carry scripts, not a picture.
        throw productErrors.IMAGE_UNSUPPORTED(`${metadata.format} images are not accepted`);
      }
      const { width, height } = metadata;
      if (!width || !height || width * height > settings.maxPixels) {
        throw productErrors.IMAGE_TOO_LARGE(`at most ${settings.maxPixels} pixels`);
      }
      const renditions = await Promise.all(
        renditionSizes.map(async (size) => {
          try {
            const rendition = await open(data)
              .rotate() // EXIF orientation applied, then all metadata dropped
              .resize(size, size, { fit: 'inside', withoutEnlargement: true })
              .webp({ quality: 82 })
              .toBuffer();
            return { size, data: rendition };
          } catch {
            throw productErrors.IMAGE_UNREADABLE();
          }
        }),
      );
      const rotated = (metadata.orientation ?? 1) >= 5;
      return {
        id: createHash('sha256').update(data).digest('hex').slice(0, 32),
        width: rotated ? height : width,
        height: rotated ? width : height,
        format,
        renditions,
      };
    },
  };
}
