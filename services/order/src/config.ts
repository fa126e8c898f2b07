import { cacheSettings, commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { Type } from 'typebox';

const minor = (fallback: number) => Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: fallback });
const basisPoints = (fallback: number) => Type.Integer({ minimum: 0, maximum: 10_000, default: fallback });

export const OrderConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    // REDIS_URL set: carts live in Redis (shared by replicas); unset: in memory (embedded).
    ...cacheSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8087 }),

    /** A cart nobody touched for this long is gone. */
    cartIdleTtlSeconds: Type.Integer({ minimum: 1, default: 7 * 24 * 3_600 }),
    /** How long a cart read reuses a SKU's price and availability (checkout always asks afresh). */
    cartLookupCacheMs: Type.Integer({ minimum: 0, maximum: 300_000, default: 5_000 }),
    cartMaxLines: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    cartMaxQuantityPerLine: Type.Integer({ minimum: 1, maximum: 10_000, default: 99 }),

    /** Calls to product, inventory and payment: per attempt, and consecutive failures that open the breaker. */
    upstreamTimeoutMs: Type.Integer({ minimum: 10, default: 5_000 }),
    upstreamBreakerThreshold: Type.Integer({ minimum: 1, default: 5 }),

    /** Checkouts run at once per instance (about the database pool's size); the rest wait in line. */
    checkoutConcurrency: Type.Integer({ minimum: 1, maximum: 1_000, default: 16 }),
    checkoutMaxQueued: Type.Integer({ minimum: 0, default: 2_000 }),

    /** An unpaid order is cancelled and its stock released after this long. */
    reservationTtlSeconds: Type.Integer({ minimum: 1, default: 900 }),
    /**
     * Inventory holds stock this much longer than the order waits for payment,
     * so its own expiry is only a backstop (the order service cancels first).
     */
    reservationGraceSeconds: Type.Integer({ minimum: 0, default: 120 }),

    /** Checkout saga worker: how often it looks for due steps, and how long a claimed step is its own. */
    sagaPollIntervalMs: Type.Integer({ minimum: 10, default: 500 }),
    sagaLeaseMs: Type.Integer({ minimum: 100, default: 30_000 }),
    /** A checkout request that neither finished nor failed after this long was abandoned (crash): undone. */
    sagaPlacementTimeoutMs: Type.Integer({ minimum: 100, default: 60_000 }),
    sagaMaxBackoffMs: Type.Integer({ minimum: 10, default: 60_000 }),

    /**
     * The order service's own credential, for calls it makes as itself
     * (reserving, committing and releasing stock, refunds, background saga
     * steps). Production: an API key with scopes `inventory:reserve` and
     * `payments:refund` (sent as `X-Api-Key`); `serviceToken` is a bearer
     * token with the same permissions (tests, or a token from the user service).
     */
    serviceApiKey: Type.Optional(Type.String({ minLength: 8 })),
    serviceToken: Type.Optional(Type.String({ minLength: 8 })),

    /** Default shipping rule: a flat fee, free from a merchandise amount (0: never free). */
    shippingFlatMinor: minor(495),
    freeShippingFromMinor: minor(5_000),
    /** Default tax rule: a flat rate on merchandise after discount plus shipping (0: prices include tax). */
    taxRateBasisPoints: basisPoints(0),
    /** Default discount rule: a percentage off merchandise from a threshold (0 basis points: off). */
    discountThresholdMinor: minor(0),
    discountBasisPoints: basisPoints(0),
  },
  { additionalProperties: false },
);
