import { cacheSettings, commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { Type } from 'typebox';

export const RecommendationConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    ...cacheSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8089 }),
    /** An event this old counts half as much towards popularity as one happening now. */
    popularityHalfLifeHours: Type.Number({ exclusiveMinimum: 0, maximum: 8_760, default: 72 }),
    /** Events older than this are ignored by popularity, which bounds the scan. */
    popularityWindowDays: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
    /** Collaborative filtering: an interaction this old weighs half as much as one now. */
    modelHalfLifeDays: Type.Number({ exclusiveMinimum: 0, maximum: 3_650, default: 30 }),
    /** Collaborative filtering ignores interactions older than this. */
    modelWindowDays: Type.Integer({ minimum: 1, maximum: 3_650, default: 180 }),
    /** Neighbours kept per product and kind. */
    neighboursPerProduct: Type.Integer({ minimum: 1, maximum: 200, default: 30 }),
    /** How often the incremental worker folds new purchases, views and product edits into the neighbours. */
    modelIncrementalIntervalMs: Type.Integer({ minimum: 50, maximum: 600_000, default: 500 }),
    /** How often every neighbour list is rebuilt from scratch (decay, window, deletions); 0: never. */
    modelRebuildIntervalMs: Type.Integer({ minimum: 0, maximum: 604_800_000, default: 3_600_000 }),
    /** Delay before the first full rebuild after start; -1: none at start. */
    modelRebuildAtStartDelayMs: Type.Integer({ minimum: -1, maximum: 3_600_000, default: 5_000 }),
    /** Similar and bought-together lists are cached this long (and dropped as soon as they are rebuilt). */
    answerCacheMs: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 60_000 }),
    /** "For you" and popularity answers are cached this long (dropped when the shopper acts). */
    forYouCacheMs: Type.Integer({ minimum: 0, maximum: 600_000, default: 5_000 }),
  },
  { additionalProperties: false },
);
