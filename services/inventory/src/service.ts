import { fileURLToPath } from 'node:url';
import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { inventoryEvents } from '@emporium/contracts/events/inventory-events';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp } from './app.js';
import { InventoryConfig } from './config.js';
import { subscribeOrderCancelled } from './consumers/order-cancelled.consumer.js';
import * as schema from './db/schema.js';
import { followLiveSettings } from './live/live-settings.js';
import { seedDemoStock } from './seed/seed-demo-stock.js';
import type { InventoryDeps } from './use-cases/deps.js';
import { startReservationSweeper } from './workers/reservation-sweeper.js';

export const inventoryService = defineService({
  name: 'inventory',
  version: '0.1.0',
  description: 'Stock per SKU and warehouse, reservations, low-stock alerts.',
  configSchema: InventoryConfig,
  database: {
    schema: 'inventory',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  events: {
    tables: { outbox: schema.outbox, inbox: schema.inbox, deadLetters: schema.deadLetters },
    produces: inventoryEvents,
  },
  async create(runtime) {
    const { config } = runtime;
    const deps: InventoryDeps = {
      db: drizzle(runtime.database!.pool, { schema }),
      events: runtime.events!,
      logger: runtime.logger,
      settings: {
        defaultLowStockThreshold: config.defaultLowStockThreshold,
        defaultReservationTtlSeconds: config.defaultReservationTtlSeconds,
      },
    };
    followLiveSettings(runtime.liveConfig, deps.settings, runtime.logger);
    subscribeOrderCancelled(deps);
    const app = await buildApp({
      ...deps,
      auth: runtime.auth,
      metrics: runtime.metrics,
      readiness: runtime.readiness,
    });
    const sweeper = startReservationSweeper(deps, {
      intervalMs: config.reservationSweepIntervalMs,
      batch: config.reservationSweepBatch,
      logger: runtime.logger,
    });
    return {
      app,
      seedDemo: (demo, progress) => seedDemoStock(deps, demo as DemoData, progress),
      close: () => sweeper.stop(),
    };
  },
});
