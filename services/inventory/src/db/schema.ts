import { deadLetterTable, inboxTable, outboxTable } from '@emporium/platform/events/event-tables';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { MovementReason } from '../domain/movement.js';

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
    /** `inventory.low_stock` went out for the current dip below the threshold; cleared when stock rises above it. */
    lowStockAnnounced: boolean('low_stock_announced').notNull().default(false),
    /** `inventory.out_of_stock` went out for the SKU's current stock-out (set on the row that caused it). */
    outOfStockAnnounced: boolean('out_of_stock_announced').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sku, t.warehouseId] }),
    // The database itself refuses an oversell, whatever the application does.
    check('stock_levels_on_hand_not_negative', sql`${t.onHand} >= 0`),
    check('stock_levels_reserved_within_on_hand', sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`),
    // The admin low-stock list reads only the rows at or below their threshold.
    index('stock_levels_low_idx')
      .on(t.sku, t.warehouseId)
      .where(sql`${t.onHand} - ${t.reserved} <= ${t.lowStockThreshold}`),
  ],
);

/** The audit trail: one row per stock change, written in the change's transaction. Never updated. */
export const movements = inventory.table(
  'movements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sku: text('sku').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    onHandDelta: integer('on_hand_delta').notNull(),
    reservedDelta: integer('reserved_delta').notNull(),
    reason: text('reason').$type<MovementReason>().notNull(),
    /** The principal's subject, or `system` (sweeper, event consumers). */
    actor: text('actor').notNull(),
    /** What the change was for: an order id for reservations. */
    reference: text('reference'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('movements_sku_idx').on(t.sku, t.id),
    check(
      'movements_reason_known',
      sql`${t.reason} in ('set', 'adjust', 'receive', 'reserve', 'release', 'commit', 'expire')`,
    ),
  ],
);

/** Stock held for one order until it is committed, released or expires. */
export const reservations = inventory.table(
  'reservations',
  {
    orderId: text('order_id').primaryKey(),
    id: uuid('id').notNull().unique(),
    status: text('status').notNull(),
    /** The lines as requested (merged per SKU, sorted): a repeat must ask for exactly these. */
    requestedLines: jsonb('requested_lines').$type<Array<{ sku: string; quantity: number }>>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** When it was committed, released or expired. */
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
    releaseReason: text('release_reason'),
  },
  (t) => [
    // The sweeper's scan: only held reservations, oldest expiry first.
    index('reservations_held_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'held'`),
    check('reservations_status_known', sql`${t.status} in ('held', 'committed', 'released', 'expired')`),
  ],
);

/** Where a reservation's units are held: one row per SKU and warehouse (a line may be split). */
export const reservationAllocations = inventory.table(
  'reservation_allocations',
  {
    orderId: text('order_id')
      .notNull()
      .references(() => reservations.orderId),
    sku: text('sku').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.sku, t.warehouseId] }),
    check('reservation_allocations_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

/** Events leave through the outbox, written in the same transaction as the stock change. */
export const outbox = outboxTable(inventory);
export const inbox = inboxTable(inventory);
export const deadLetters = deadLetterTable(inventory);
