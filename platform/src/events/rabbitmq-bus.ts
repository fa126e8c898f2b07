import type { EventDefinition } from '@emporium/contracts/events/define-event';
import type { AnyEnvelope } from '@emporium/contracts/events/envelope';
import amqplib, { type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { Logger } from '../log/logger.js';
import { BrokerUnavailableError, type BusSubscription, type EventBus } from './event-bus.js';
import { type ConsumerHandle, consumeQueue, publishConfirmed } from './rabbitmq-consumer.js';
import { createRabbitMqDeadLetters } from './rabbitmq-dead-letters.js';
import { assertRetryAndDeadLetterQueues, assertWorkQueue, topologyOf } from './rabbitmq-topology.js';

export interface RabbitMqBusOptions {
  url: string;
  logger: Logger;
  /** Prepended to the exchange and every queue name (tests isolate runs with it). */
  namePrefix?: string;
  /** Queues unused this long delete themselves (tests: see `topologyOf`). Unset: never. */
  queueExpiryMs?: number;
  /** Shown in the management UI and `rabbitmqctl list_connections`. */
  connectionName?: string;
  /** How long `publish` waits for a connection and then for the confirm before failing. */
  publishTimeoutMs?: number;
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
}

interface Connected {
  model: ChannelModel;
  publisher: ConfirmChannel;
  consumers: ConsumerHandle[];
}

/**
 * The RabbitMQ adapter: publisher confirms on a ConfirmChannel, persistent
 * messages to a durable topic exchange, one channel per consumed queue.
 * amqplib's recovery reconnects with backoff and calls `setup` on every new
 * connection, which re-declares the topology and re-starts the consumers. A
 * channel that closes on its own takes the connection down with it, so
 * recovery always starts from a clean slate. While disconnected, `publish`
 * fails after `publishTimeoutMs`; the outbox keeps the event.
 */
export function createRabbitMqBus(options: RabbitMqBusOptions): EventBus & { topologyNames: () => string[] } {
  const { logger } = options;
  const topology = topologyOf(options.namePrefix, options.queueExpiryMs);
  const publishTimeoutMs = options.publishTimeoutMs ?? 2_000;
  const subscriptions: BusSubscription[] = [];
  const declared = new Map<string, string>(); // work queue -> event type
  const names = new Set<string>([topology.exchange]);
  let connection: Awaited<ReturnType<typeof connectWithRecovery>> | undefined;
  let current: Connected | undefined;
  let waiters: Array<() => void> = [];
  let closing = false;

  function connectWithRecovery() {
    return amqplib.connect(options.url, {
      clientProperties: { connection_name: options.connectionName ?? 'emporium' },
      recovery: {
        initialDelay: options.reconnect?.initialDelayMs ?? 200,
        maxDelay: options.reconnect?.maxDelayMs ?? 5_000,
        waitForConnect: false,
        setup: (model: ChannelModel) => setup(model),
      },
    });
  }

  async function setup(model: ChannelModel): Promise<void> {
    const breakConnection = () => {
      if (current?.model === model && !closing) void model.close().catch(() => {});
    };
    const publisher = await model.createConfirmChannel();
    publisher.on('error', () => {});
    publisher.on('close', breakConnection);
    await publisher.assertExchange(topology.exchange, 'topic', { durable: true });
    for (const [queue, type] of declared) await assertWorkQueue(publisher, topology, queue, type);
    const consumers: ConsumerHandle[] = [];
    for (const subscription of subscriptions) {
      for (const type of subscription.types) {
        const queue = topology.queue(subscription.consumer, type);
        await assertWorkQueue(publisher, topology, queue, type);
        await assertRetryAndDeadLetterQueues(publisher, topology, queue, subscription.retryDelaysMs);
        const channel: Channel = await model.createChannel();
        channel.on('error', () => {});
        channel.on('close', breakConnection);
        consumers.push(await consumeQueue({ channel, publisher, topology, queue, subscription, logger }));
      }
    }
    current = { model, publisher, consumers };
    model.on('close', () => {
      if (current?.model === model) current = undefined;
    });
    for (const wake of waiters.splice(0)) wake();
    logger.info({ consumers: consumers.length }, 'rabbitmq connected');
  }

  function remember(queue: string, type: string) {
    declared.set(queue, type);
    names.add(queue);
  }

  async function connected(timeoutMs: number): Promise<Connected> {
    if (current) return current;
    if (closing || !connection) throw new BrokerUnavailableError('rabbitmq bus is not running');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (!current) throw new BrokerUnavailableError('rabbitmq is unreachable');
    return current;
  }

  function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new BrokerUnavailableError(`${what} timed out after ${ms} ms`)), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  const bus: EventBus & { topologyNames: () => string[] } = {
    kind: 'rabbitmq',
    topologyNames: () => [...names],

    async publish(envelope: AnyEnvelope) {
      const { publisher } = await connected(publishTimeoutMs);
      const body = Buffer.from(JSON.stringify(envelope));
      await withTimeout(
        publishConfirmed(publisher, topology.exchange, envelope.type, body, {
          persistent: true,
          contentType: 'application/cloudevents+json',
          messageId: envelope.id,
          type: envelope.type,
          appId: envelope.source,
          timestamp: Math.floor(Date.parse(envelope.time) / 1000),
        }),
        publishTimeoutMs,
        'publisher confirm',
      );
    },

    async declareConsumers(definitions: readonly EventDefinition[]) {
      for (const definition of definitions) {
        for (const consumer of definition.consumers)
          remember(topology.queue(consumer, definition.type), definition.type);
      }
      const live = current;
      if (!live) return; // declared on the next (re)connect
      for (const definition of definitions) {
        for (const consumer of definition.consumers) {
          await assertWorkQueue(
            live.publisher,
            topology,
            topology.queue(consumer, definition.type),
            definition.type,
          );
        }
      }
    },

    subscribe(subscription) {
      if (connection) throw new Error('subscribe before the bus starts');
      subscriptions.push(subscription);
      for (const type of subscription.types) {
        const queue = topology.queue(subscription.consumer, type);
        names.add(queue);
        names.add(topology.deadLetterQueue(queue));
        for (const delay of subscription.retryDelaysMs) names.add(topology.retryQueue(queue, delay));
      }
    },

    async start() {
      if (connection) return;
      closing = false;
      connection = await connectWithRecovery();
      connection.on('error', (error: Error) => logger.warn({ err: error }, 'rabbitmq connection error'));
      connection.on('disconnect', (error: Error) => {
        current = undefined;
        logger.warn({ err: error }, 'rabbitmq disconnected');
      });
      connection.on('connect-failed', (error: Error) =>
        logger.warn({ err: error }, 'rabbitmq connect attempt failed'),
      );
      // Start anyway when the broker is down: readiness says so, publishes wait in the outbox.
      await withTimeout(connection.waitForConnect(), 5_000, 'first rabbitmq connection').catch((error) =>
        logger.warn({ err: error }, 'rabbitmq not reachable at start; retrying in the background'),
      );
    },

    async close() {
      if (!connection) return;
      closing = true;
      const live = current;
      if (live) {
        await Promise.all(live.consumers.map((c) => c.cancel()));
        await withTimeout(
          Promise.allSettled(live.consumers.flatMap((c) => [...c.inFlight])),
          10_000,
          'draining consumers',
        ).catch(() => {});
      }
      current = undefined;
      for (const wake of waiters.splice(0)) wake();
      waiters = [];
      await connection.close().catch(() => {});
      connection = undefined;
    },

    async check() {
      if (!current) throw new BrokerUnavailableError('rabbitmq is not connected');
    },

    deadLettersOf: (queues) =>
      createRabbitMqDeadLetters({
        topology,
        queues: () =>
          queues ?? subscriptions.flatMap((s) => s.types.map((type) => topology.queue(s.consumer, type))),
        openChannel: async () => (await connected(publishTimeoutMs)).model.createConfirmChannel(),
      }),
  };
  return bus;
}
