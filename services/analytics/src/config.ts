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
    /** Services whose `/metrics` the performance report summarises, found through discovery. */
    performanceServices: Type.String({
      pattern: '^[a-z][a-z-]*(,[a-z][a-z-]*)*$',
      default:
        'gateway,registry,config,user,product,search,inventory,order,payment,recommendation,notification,analytics',
    }),
    /** How often to scrape them; 0 scrapes only on demand (`POST /api/v1/analytics/performance/scrapes`). */
    performanceScrapeIntervalMs: Type.Integer({ minimum: 0, default: 60_000 }),
    performanceScrapeTimeoutMs: Type.Integer({ minimum: 100, maximum: 60_000, default: 2_000 }),
  },
  { additionalProperties: false },
);
