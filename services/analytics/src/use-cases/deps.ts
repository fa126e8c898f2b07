import type { ServiceLocator } from '@emporium/platform/discovery/service-locator';
import type { Logger } from '@emporium/platform/log/logger';
import type { AnalyticsDb } from '../db/database.js';

/** Everything the analytics use cases need, built once in `service.ts`. */
export interface AnalyticsDeps {
  db: AnalyticsDb;
  logger: Logger;
  locator: ServiceLocator;
  defaultCurrency: string;
  maxReportPeriods: number;
  performance: { services: string[]; scrapeTimeoutMs: number };
}
