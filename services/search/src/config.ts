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
    /**
     * How long an instance keeps the total and facets of a browse without text
     * (landing page, departments): counting them reads every matching row.
     * Dropped at once when this instance writes to the index. 0: never kept.
     */
    summaryCacheMs: Type.Integer({ minimum: 0, maximum: 60_000, default: 2_000 }),
    /** How long an instance keeps the synonyms before reading them again (a change made on another instance). */
    synonymsRefreshMs: Type.Integer({ minimum: 0, maximum: 600_000, default: 5_000 }),
    /** Popular past queries offered beside title suggestions. */
    suggestedQueries: Type.Integer({ minimum: 0, maximum: 10, default: 5 }),
    /** Searches a text needs before it is suggested to others (one shopper's query is never shown). */
    suggestQueryMinSearches: Type.Integer({ minimum: 1, maximum: 1_000, default: 3 }),
    /** Reindex: active products per page read from the product service, and products fetched at once. */
    reindexPageSize: Type.Integer({ minimum: 1, maximum: 100, default: 100 }),
    reindexConcurrency: Type.Integer({ minimum: 1, maximum: 64, default: 8 }),
  },
  { additionalProperties: false },
);
