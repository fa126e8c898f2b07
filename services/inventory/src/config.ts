import { cacheSettings, commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { Type } from 'typebox';

export const InventoryConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    ...cacheSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8086 }),
    /** Applied to stock rows created without an explicit threshold (live: `runtime.lowStockThreshold`). */
    defaultLowStockThreshold: Type.Integer({ minimum: 0, default: 5 }),
    /** How long a reservation holds stock when the order service does not say. */
    defaultReservationTtlSeconds: Type.Integer({ minimum: 1, maximum: 86_400, default: 900 }),
    /** How often each replica looks for lapsed reservations to release. */
    reservationSweepIntervalMs: Type.Integer({ minimum: 50, maximum: 600_000, default: 5_000 }),
    /** Reservations one sweep releases at most (one transaction each). */
    reservationSweepBatch: Type.Integer({ minimum: 1, maximum: 10_000, default: 200 }),
  },
  { additionalProperties: false },
);
