import { cacheSettings, commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { Type } from 'typebox';

const megabytes = (n: number) => n * 1_048_576;

export const ProductConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    ...cacheSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8084 }),
    /** Rows per multi-row INSERT when the demo catalog is seeded (one transaction per chunk). */
    seedChunkSize: Type.Integer({ minimum: 1, maximum: 5_000, default: 500 }),

    /** Product and category-tree reads: served fresh this long, then stale while one caller refreshes. */
    cacheFreshMs: Type.Integer({ minimum: 0, default: 60_000 }),
    cacheStaleMs: Type.Integer({ minimum: 0, default: 300_000 }),
    /** Prefix of this service's cache keys inside its Redis namespace (test suites sharing one Redis). */
    cacheKeyPrefix: Type.String({ pattern: '^[a-z0-9-]*$', default: '' }),

    /** Where image renditions go: a local directory (embedded, development) or an S3-compatible bucket. */
    imageStorage: Type.Union([Type.Literal('local'), Type.Literal('s3')], { default: 'local' }),
    productImageDir: Type.String({ minLength: 1, default: '.data/images' }),
    /** Largest upload accepted, counted on the bytes received (not the Content-Length). */
    maxImageBytes: Type.Integer({ minimum: 1_024, maximum: megabytes(50), default: megabytes(10) }),
    /** Decompression-bomb guard: images with more pixels are refused before decoding. */
    maxImagePixels: Type.Integer({ minimum: 1, default: 40_000_000 }),
    s3Endpoint: Type.Optional(Type.String({ format: 'uri' })),
    s3Bucket: Type.Optional(Type.String({ minLength: 3, maxLength: 63 })),
    s3Region: Type.String({ minLength: 1, default: 'us-east-1' }),
    s3AccessKeyId: Type.Optional(Type.String({ minLength: 1 })),
    /** A secret: set S3_SECRET_ACCESS_KEY or mount it as S3_SECRET_ACCESS_KEY_FILE. */
    s3SecretAccessKey: Type.Optional(Type.String({ minLength: 1 })),
    /** `https://endpoint/bucket/key` (MinIO, most self-hosted stores) instead of `https://bucket.endpoint/key`. */
    s3ForcePathStyle: Type.Boolean({ default: true }),

    /** Largest CSV/JSON import body, and the most products one import may create. */
    importMaxBytes: Type.Integer({ minimum: 1_024, maximum: megabytes(100), default: megabytes(10) }),
    importMaxProducts: Type.Integer({ minimum: 1, maximum: 50_000, default: 5_000 }),
  },
  { additionalProperties: false },
);
