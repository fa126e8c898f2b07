import { commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { Type } from 'typebox';

export const SearchConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8085 }),
    /**
     * Typo tolerance: how close (pg_trgm word similarity, 0..1) a title must
     * be to the query when full-text finds nothing. "sandels" is 0.5 from "Leather Sandals".
     */
    typoSimilarity: Type.Number({ minimum: 0.1, maximum: 1, default: 0.4 }),
    /** Rows per multi-row INSERT when the demo catalog is indexed. */
    seedChunkSize: Type.Integer({ minimum: 1, maximum: 5_000, default: 500 }),
  },
  { additionalProperties: false },
);
