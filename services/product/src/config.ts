import { cacheSettings, commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { Type } from 'typebox';

export const ProductConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    // Product reads are cached (Redis distributed, memory embedded) once the catalog issue adds it.
    ...cacheSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8084 }),
    /** Rows per multi-row INSERT when the demo catalog is seeded (one transaction per chunk). */
    seedChunkSize: Type.Integer({ minimum: 1, maximum: 5_000, default: 500 }),
  },
  { additionalProperties: false },
);
