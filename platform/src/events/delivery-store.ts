import type { AnyEnvelope } from '@emporium/contracts/events/envelope';

/** A delivery the in-process bus accepted for a consumer and has not handled yet. */
export interface PendingDelivery {
  eventId: string;
  eventType: string;
  envelope: Record<string, unknown>;
  /** Failed attempts so far. */
  attempts: number;
}

/**
 * Where the in-process bus keeps a consumer's deliveries durably (embedded
 * mode's equivalent of a durable queue), implemented over the consumer's
 * inbox and dead-letter tables.
 */
export interface DeliveryStore {
  /** Durably takes the event for this consumer; taking it twice is a no-op. */
  accept: (envelope: AnyEnvelope) => Promise<void>;
  /** Pending deliveries whose time has come, oldest first. */
  claimDue: (
    types: readonly string[],
    limit: number,
    exclude: readonly string[],
  ) => Promise<PendingDelivery[]>;
  scheduleRetry: (eventId: string, delayMs: number, error: string) => Promise<void>;
  /** Moves the delivery to the dead-letter table, in one transaction. */
  deadLetter: (
    delivery: PendingDelivery,
    info: { queue: string; reason: 'poison' | 'exhausted'; error: string; attempts: number },
  ) => Promise<void>;
}
