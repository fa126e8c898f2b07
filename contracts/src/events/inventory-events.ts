import { Type } from 'typebox';
import { defineEvent } from './define-event.js';
import { Id, Quantity, Sku, StockAllocation, Timestamp } from './shared-schemas.js';

const Count = Type.Integer({ minimum: 0 });

export const inventoryUpdated = defineEvent({
  type: 'inventory.updated',
  version: 1,
  producer: 'inventory',
  // recommendation: out-of-stock products are never recommended.
  consumers: ['search', 'analytics', 'recommendation'],
  description: 'Stock of one SKU in one warehouse changed. Subject: sku.',
  payload: Type.Object(
    {
      sku: Sku,
      warehouseId: Id,
      onHand: Count,
      reserved: Count,
      available: Count,
      totalAvailable: Type.Integer({ minimum: 0, description: 'available across every warehouse' }),
      reason: Type.Enum(['set', 'adjusted', 'received', 'reserved', 'released', 'committed']),
      updatedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const inventoryLowStock = defineEvent({
  type: 'inventory.low_stock',
  version: 1,
  producer: 'inventory',
  consumers: ['notification', 'analytics'],
  description: 'Available stock of a SKU in a warehouse fell to or below its threshold. Subject: sku.',
  payload: Type.Object(
    { sku: Sku, warehouseId: Id, available: Count, threshold: Count, detectedAt: Timestamp },
    { additionalProperties: false },
  ),
});

export const inventoryOutOfStock = defineEvent({
  type: 'inventory.out_of_stock',
  version: 1,
  producer: 'inventory',
  consumers: ['search', 'notification', 'analytics', 'recommendation'],
  description: 'A SKU has nothing left to sell in any warehouse. Subject: sku.',
  payload: Type.Object(
    { sku: Sku, warehouseId: Id, totalAvailable: Type.Literal(0), detectedAt: Timestamp },
    { additionalProperties: false },
  ),
});

/*
 * The reservation events are for analytics (and notification, for a failure).
 * The order service is not a consumer: it learns each outcome from its own
 * synchronous call and runs its own expiry sweeper, and a listed consumer
 * gets a durable queue declared for it that nobody would ever drain.
 */
const reservation = {
  reservationId: Id,
  orderId: Id,
  lines: Type.Array(StockAllocation, { minItems: 1 }),
};

export const inventoryReserved = defineEvent({
  type: 'inventory.reserved',
  version: 1,
  producer: 'inventory',
  consumers: ['analytics'],
  description:
    'Stock was set aside for an order until it is paid or the reservation expires. Subject: order id.',
  payload: Type.Object({ ...reservation, expiresAt: Timestamp }, { additionalProperties: false }),
});

export const inventoryReservationFailed = defineEvent({
  type: 'inventory.reservation_failed',
  version: 1,
  producer: 'inventory',
  consumers: ['notification', 'analytics'],
  description: 'Stock for an order could not be reserved; nothing was held. Subject: order id.',
  payload: Type.Object(
    {
      orderId: Id,
      reason: Type.Union([Type.Literal('insufficient_stock'), Type.Literal('unknown_sku')]),
      shortages: Type.Array(
        Type.Object({ sku: Sku, requested: Quantity, available: Count }, { additionalProperties: false }),
        { minItems: 1 },
      ),
      failedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const inventoryReleased = defineEvent({
  type: 'inventory.released',
  version: 1,
  producer: 'inventory',
  consumers: ['analytics'],
  description: 'A reservation was given back to stock. Subject: order id.',
  payload: Type.Object(
    {
      ...reservation,
      reason: Type.Enum(['order_cancelled', 'payment_failed', 'expired']),
      releasedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const inventoryCommitted = defineEvent({
  type: 'inventory.committed',
  version: 1,
  producer: 'inventory',
  consumers: ['analytics'],
  description:
    'A paid reservation left stock for good (on hand and reserved both went down). Subject: order id.',
  payload: Type.Object({ ...reservation, committedAt: Timestamp }, { additionalProperties: false }),
});

export const inventoryEvents = [
  inventoryUpdated,
  inventoryLowStock,
  inventoryOutOfStock,
  inventoryReserved,
  inventoryReservationFailed,
  inventoryReleased,
  inventoryCommitted,
] as const;
