import { cacheSettings, commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { Type } from 'typebox';

export const AnalyticsConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    ...cacheSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8091 }),
    /** Reports are per currency; this one is used when a request names none. */
    defaultCurrency: Type.String({ pattern: '^[A-Z]{3}$', default: 'USD' }),
    /** The most periods one time series may have, so a report cannot be asked to enumerate centuries by day. */
    maxReportPeriods: Type.Integer({ minimum: 1, maximum: 100_000, default: 1_000 }),
  },
  { additionalProperties: false },
);
