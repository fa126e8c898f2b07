import { deadLetterTable, inboxTable, outboxTable } from '@emporium/platform/events/event-tables';
import { sql } from 'drizzle-orm';
import { check, integer, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Everything the inventory service owns lives in the `inventory` Postgres schema. */
export const inventory = pgSchema('inventory');

export const warehouses = inventory.table('warehouses', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  country: text('country'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const stockLevels = inventory.table(
  'stock_levels',
  {
    sku: text('sku').notNull(),
    warehouseId: text('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    onHand: integer('on_hand').notNull(),
    reserved: integer('reserved').notNull().default(0),
    lowStockThreshold: integer('low_stock_threshold').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sku, t.warehouseId] }),
    // The database itself refuses an oversell, whatever the application does.
    check('stock_levels_on_hand_not_negative', sql`${t.onHand} >= 0`),
    check('stock_levels_reserved_within_on_hand', sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`),
  ],
);

/** Events leave through the outbox, written in the same transaction as the stock change. */
export const outbox = outboxTable(inventory);
export const inbox = inboxTable(inventory);
export const deadLetters = deadLetterTable(inventory);
