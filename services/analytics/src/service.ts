import { fileURLToPath } from 'node:url';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, description } from './app.js';
import { AnalyticsConfig } from './config.js';
import { subscribeBehaviourEvents } from './consumers/behaviour-events.consumer.js';
import { subscribeInventoryEvents } from './consumers/inventory-events.consumer.js';
import { subscribeOrderEvents } from './consumers/order-events.consumer.js';
import { subscribePaymentEvents } from './consumers/payment-events.consumer.js';
import { subscribeProductEvents } from './consumers/product-events.consumer.js';
import { subscribeSearchEvents } from './consumers/search-events.consumer.js';
import { subscribeUserEvents } from './consumers/user-events.consumer.js';
import * as schema from './db/schema.js';
import type { AnalyticsDeps } from './use-cases/deps.js';
import { startMetricsScraper } from './workers/metrics-scraper.js';

export const analyticsService = defineService({
  name: 'analytics',
  version: '0.1.0',
  description,
  configSchema: AnalyticsConfig,
  database: {
    schema: 'analytics',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  // Consumes every business event into fact tables; produces none (the outbox is part of the event runtime).
  events: { tables: { outbox: schema.outbox, inbox: schema.inbox, deadLetters: schema.deadLetters } },
  async create(runtime) {
    const { config } = runtime;
    const deps: AnalyticsDeps = {
      db: drizzle(runtime.database!.pool, { schema }),
      logger: runtime.logger,
      locator: runtime.locator,
      defaultCurrency: config.defaultCurrency,
      maxReportPeriods: config.maxReportPeriods,
      performance: {
        services: config.performanceServices.split(','),
        scrapeTimeoutMs: config.performanceScrapeTimeoutMs,
      },
    };
    const events = runtime.events!;
    subscribeOrderEvents(events);
    subscribePaymentEvents(events);
    subscribeUserEvents(events);
    subscribeBehaviourEvents(events);
    subscribeSearchEvents(events);
    subscribeProductEvents(events);
    subscribeInventoryEvents(events);
    const app = await buildApp({
      ...deps,
      auth: runtime.auth,
      metrics: runtime.metrics,
      readiness: runtime.readiness,
    });
    const scraper = startMetricsScraper(deps, config.performanceScrapeIntervalMs);
    return { app, close: () => scraper.stop() };
  },
});
