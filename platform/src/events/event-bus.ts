import type { EventDefinition } from '@emporium/contracts/events/define-event';
import type { AnyEnvelope } from '@emporium/contracts/events/envelope';
import type { RawEvent } from '@emporium/contracts/events/parse-envelope';
import type { DeadLetters } from './dead-letters.js';
import type { DeliveryStore } from './delivery-store.js';

/** What a handler learns about the delivery it is running for. */
export interface Delivery {
  /** 1 on the first delivery, +1 per retry. */
  attempt: number;
  queue: string;
}

export type DeliveryOutcome = 'retried' | 'dead_lettered' | 'poison';

/**
 * A consumer's queue for some event types. The bus calls `handle` for each
 * delivery: resolving acknowledges it, throwing schedules a retry (after
 * `retryDelaysMs[attempt - 1]`, the last delay repeating) until
 * `maxAttempts`, then dead-letters it. A `PoisonMessageError` dead-letters at
 * once, with no retry.
 */
export interface BusSubscription {
  consumer: string;
  types: readonly string[];
  handle: (raw: RawEvent, delivery: Delivery) => Promise<void>;
  maxAttempts: number;
  retryDelaysMs: readonly number[];
  /** Deliveries handled at once (RabbitMQ prefetch); one subject's events still run one at a time. */
  concurrency: number;
  /** The in-process bus keeps accepted deliveries here (the consumer's inbox); RabbitMQ keeps them in queues. */
  store?: DeliveryStore;
  onOutcome?: (outcome: DeliveryOutcome, eventType: string, error: unknown) => void;
}

/** The one interface both adapters implement; services never see which one they run on. */
export interface EventBus {
  readonly kind: 'rabbitmq' | 'in-process';
  /** Resolves once the broker has durably taken the event (publisher confirm / consumers' inboxes). */
  publish: (envelope: AnyEnvelope) => Promise<void>;
  /** Makes sure every consumer a definition names has its queue, even before that consumer first runs. */
  declareConsumers: (definitions: readonly EventDefinition[]) => Promise<void>;
  /** Register before `start`. */
  subscribe: (subscription: BusSubscription) => void;
  start: () => Promise<void>;
  /** Stops taking deliveries, waits for handlers in flight, disconnects. */
  close: () => Promise<void>;
  /** Throws when the bus cannot publish or consume right now (readiness). */
  check: () => Promise<void>;
  /**
   * RabbitMQ keeps dead letters in `<queue>.dlq` (of the given work queues,
   * by default those subscribed on this bus); the in-process bus leaves them
   * to the consuming service's table.
   */
  deadLettersOf?: (queues?: readonly string[]) => DeadLetters;
}

export function queueNameOf(consumer: string, type: string): string {
  return `${consumer}.${type}`;
}

/** A message that can never be handled (not an event, wrong type or version, payload off-contract). */
export class PoisonMessageError extends Error {
  constructor(readonly errors: string[]) {
    super(`poison message: ${errors.join('; ')}`);
    this.name = 'PoisonMessageError';
  }
}

/** The broker cannot take the event now; the outbox keeps it and the relay retries. */
export class BrokerUnavailableError extends Error {
  readonly code = 'EBROKERUNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'BrokerUnavailableError';
  }
}

export function retryDelayOf(delays: readonly number[], attempt: number): number {
  if (delays.length === 0) return 0;
  return delays[Math.min(attempt - 1, delays.length - 1)]!;
}

export function errorMessageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
