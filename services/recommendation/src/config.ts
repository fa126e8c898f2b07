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
  },
  { additionalProperties: false },
);
