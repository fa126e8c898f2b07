import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import type { Logger } from '@emporium/platform/log/logger';
import type { InventoryDb } from '../db/database.js';

/** Everything the inventory use cases need, built once in `service.ts`. */
export interface InventoryDeps {
  db: InventoryDb;
  events: EventRuntime;
  logger: Logger;
  defaultLowStockThreshold: number;
}
