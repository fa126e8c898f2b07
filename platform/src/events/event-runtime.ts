import type { EventDefinition } from '@emporium/contracts/events/define-event';
import type { EventEnvelope } from '@emporium/contracts/events/envelope';
import { parseEnvelopeOf } from '@emporium/contracts/events/parse-envelope';
import { type Context, SpanStatusCode } from '@opentelemetry/api';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { ReadinessCheck } from '../http/operational-routes.js';
import type { Logger } from '../log/logger.js';
import type { ServiceMetrics } from '../metrics/metrics.js';
import type { DeadLetters } from './dead-letters.js';
import { enqueueEvent, outboxChannelOf } from './enqueue-event.js';
import { type EventBus, PoisonMessageError } from './event-bus.js';
import { createEventMetrics } from './event-metrics.js';
import type { EventTables } from './event-tables.js';
import { startConsumerSpan } from './event-trace.js';
import { handleOnce } from './handle-once.js';
import { inboxDeliveryStore } from './inbox-delivery-store.js';
import { pruneInbox } from './inbox-pruning.js';
import { createOutboxRelay, type OutboxRelay, type RelaySettings } from './outbox-relay.js';
import { outboxBacklog } from './outbox-store.js';
import { createWakeup } from './outbox-wakeup.js';
import type { SqlExecutor, TransactionalDb } from './sql-executor.js';
import { createTableDeadLetters } from './table-dead-letters.js';

export interface ConsumerContext {
  /** The handler's transaction; the inbox row commits with whatever the handler writes. */
  tx: SqlExecutor;
  /** Carries `eventId`, `eventType`, `attempt` and `traceId`. */
  logger: Logger;
  trace: Context;
  attempt: number;
}

export type EventHandler<D extends EventDefinition> = (
  event: EventEnvelope<D>,
  ctx: ConsumerContext,
) => Promise<void>;

export interface SubscribeOptions {
  /** Attempts before dead-lettering, the first included. */
  maxAttempts?: number;
  /** Delay before each retry; the last one repeats. */
  retryDelaysMs?: number[];
  concurrency?: number;
}

export const defaultSubscribeOptions = {
  maxAttempts: 4,
  retryDelaysMs: [1_000, 5_000, 30_000],
  concurrency: 10,
};

export interface EventRuntimeOptions {
  /** The service's name: the consumer in queue names (`<service>.<event>`) and inbox rows. */
  service: string;
  db: TransactionalDb;
  /** Lets the relay LISTEN for new outbox rows; without it the relay polls. */
  pool?: pg.Pool | undefined;
  tables: EventTables;
  bus: EventBus;
  logger: Logger;
  metrics: ServiceMetrics;
  /** The events this service produces: the broker gets their consumers' queues before those ever start. */
  produces?: readonly EventDefinition[];
  relay?: Partial<RelaySettings>;
  inboxRetentionMs?: number;
}

export interface EventRuntime {
  /** `enqueueEvent` bound to this service's outbox: call it inside the state change's transaction. */
  enqueue: (tx: SqlExecutor, envelope: EventEnvelope) => Promise<{ sequence: number }>;
  subscribe: <D extends EventDefinition>(
    definitions: D | readonly D[],
    handler: EventHandler<D>,
    options?: SubscribeOptions,
  ) => void;
  /** The event types this service has subscribed to so far. */
  subscribedTypes: () => string[];
  relay: OutboxRelay;
  /** Starts consuming and relaying; subscribe first. */
  start: () => Promise<void>;
  readiness: ReadinessCheck;
  deadLetters: DeadLetters;
  /** Stops the relay (flushing what is ready), drains consumers, closes the bus. */
  close: () => Promise<void>;
}

/**
 * Everything a service needs to produce and consume events, built once in
 * its `service.ts` from what the platform hands it.
 */
/** After an enqueue without LISTEN/NOTIFY: when to wake the relay (it reads only committed rows). */
const nudgeDelaysMs = [10, 50];

export function createEventRuntime(options: EventRuntimeOptions): EventRuntime {
  const { service, db, tables, bus, logger } = options;
  const subscribed = new Set<string>();
  const deadLetters = bus.deadLettersOf ? bus.deadLettersOf() : createTableDeadLetters(db, tables);
  const metrics = createEventMetrics(options.metrics.registry, {
    backlog: () => outboxBacklog(db, tables.outbox),
    deadLetterDepth: () => deadLetters.depth(),
  });
  const wakeup = createWakeup({
    connection: options.pool?.options,
    channel: outboxChannelOf(tables.outbox),
    logger,
  });
  // The relay gets connections of its own, so request traffic queued on the service's pool never starves it.
  const relayPool = options.pool ? new pg.Pool({ ...options.pool.options, max: 2 }) : undefined;
  relayPool?.on('error', () => {});
  const relay = createOutboxRelay({
    db: relayPool ? (drizzle(relayPool) as unknown as SqlExecutor) : db,
    outbox: tables.outbox,
    publish: (envelope) => bus.publish(envelope),
    wakeup,
    logger,
    metrics,
    settings: options.relay,
  });
  const retentionMs = options.inboxRetentionMs ?? 14 * 24 * 3_600_000;
  let pruneTimer: NodeJS.Timeout | undefined;

  return {
    async enqueue(tx, envelope) {
      const enqueued = await enqueueEvent(tx, tables.outbox, envelope);
      // Where NOTIFY is not delivered (PGlite), nudge this process's relay shortly after: the
      // transaction has usually committed by then, so the event leaves well before the next poll.
      if (!wakeup.listening) for (const delay of nudgeDelaysMs) setTimeout(wakeup.wake, delay).unref();
      return enqueued;
    },
    relay,
    deadLetters,
    readiness: { name: 'events', check: () => bus.check() },

    subscribedTypes: () => [...subscribed].sort(),
    subscribe<D extends EventDefinition>(
      definitionOrList: D | readonly D[],
      handler: EventHandler<D>,
      subscribeOptions: SubscribeOptions = {},
    ) {
      const definitions = (
        Array.isArray(definitionOrList) ? definitionOrList : [definitionOrList]
      ) as readonly D[];
      const settings = { ...defaultSubscribeOptions, ...subscribeOptions };
      for (const definition of definitions) subscribed.add(definition.type);
      bus.subscribe({
        consumer: service,
        types: definitions.map((d) => d.type),
        ...settings,
        store: inboxDeliveryStore(db, tables, service),
        onOutcome: (outcome, type) => {
          if (outcome === 'retried') metrics.retries.inc({ consumer: service, type });
          else
            metrics.deadLettered.inc({
              consumer: service,
              type,
              reason: outcome === 'poison' ? 'poison' : 'exhausted',
            });
        },
        handle: async (raw, delivery) => {
          const parsed = parseEnvelopeOf(definitions, raw);
          if (!parsed.ok) throw new PoisonMessageError(parsed.errors);
          const event = parsed.envelope;
          const labels = { consumer: service, type: event.type };
          const { span, ctx, traceId } = startConsumerSpan(service, event);
          const eventLogger = logger.child({
            eventId: event.id,
            eventType: event.type,
            attempt: delivery.attempt,
            traceId,
          });
          const stopTimer = metrics.handlerDuration.startTimer(labels);
          try {
            const outcome = await handleOnce(db, tables.inbox, service, event, (tx) =>
              handler(event, { tx, logger: eventLogger, trace: ctx, attempt: delivery.attempt }),
            );
            metrics.consumed.inc({ ...labels, outcome });
          } catch (error) {
            metrics.consumed.inc({ ...labels, outcome: 'failed' });
            span.setStatus({ code: SpanStatusCode.ERROR });
            eventLogger.warn({ err: error }, 'event handler failed');
            throw error;
          } finally {
            stopTimer();
            span.end();
          }
        },
      });
    },

    async start() {
      if (options.produces) await bus.declareConsumers(options.produces);
      await bus.start();
      relay.start();
      pruneTimer = setInterval(() => {
        pruneInbox(db, tables.inbox, retentionMs).catch((error: unknown) =>
          logger.warn({ err: error }, 'inbox prune failed'),
        );
      }, 10 * 60_000);
      pruneTimer.unref();
    },

    async close() {
      clearInterval(pruneTimer);
      await relay.stop();
      await bus.close();
      await wakeup.close();
      await relayPool?.end();
    },
  };
}
