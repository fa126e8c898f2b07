import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import type { Logger } from '@emporium/platform/log/logger';
import type { InventoryDb } from '../db/database.js';

/** Settings read on every use: the live config may change them while the service runs. */
export interface InventorySettings {
  /** Applied to stock rows created without an explicit threshold. */
  defaultLowStockThreshold: number;
  /** How long a reservation holds stock when the caller does not say. */
  defaultReservationTtlSeconds: number;
}

/** Everything the inventory use cases need, built once in `service.ts`. */
export interface InventoryDeps {
  db: InventoryDb;
  events: EventRuntime;
  logger: Logger;
  settings: InventorySettings;
}
