import type { Channel, ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import type { Logger } from '../log/logger.js';
import { type BusSubscription, errorMessageOf, PoisonMessageError, retryDelayOf } from './event-bus.js';
import { createKeyedSerializer } from './keyed-serializer.js';
import { headers, type Topology } from './rabbitmq-topology.js';

export interface ConsumerHandle {
  cancel: () => Promise<void>;
  /** Deliveries being handled right now. */
  inFlight: Set<Promise<void>>;
}

/** Publishes and waits for the broker's confirm. */
export function publishConfirmed(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  options: Options.Publish,
): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.publish(exchange, routingKey, content, options, (error: unknown) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
    );
  });
}

/**
 * Consumes one subscription's work queue on its own channel (prefetch =
 * concurrency). A failed delivery is re-published, confirmed, to the retry
 * queue for its attempt (or to the `.dlq`) and only then acknowledged, so a
 * crash in between duplicates it (the inbox absorbs that) but never loses it.
 */
export async function consumeQueue(options: {
  channel: Channel;
  publisher: ConfirmChannel;
  topology: Topology;
  queue: string;
  subscription: BusSubscription;
  logger: Logger;
}): Promise<ConsumerHandle> {
  const { channel, publisher, topology, queue, subscription, logger } = options;
  const serializer = createKeyedSerializer();
  const inFlight = new Set<Promise<void>>();

  async function settleFailure(message: ConsumeMessage, attempt: number, eventType: string, error: unknown) {
    const poison = error instanceof PoisonMessageError;
    const reason = errorMessageOf(error).slice(0, 1000);
    const base = { ...message.properties, headers: { ...message.properties.headers }, persistent: true };
    if (poison || attempt >= subscription.maxAttempts) {
      await publishConfirmed(publisher, '', topology.deadLetterQueue(queue), message.content, {
        ...base,
        headers: {
          ...base.headers,
          [headers.attempt]: attempt,
          [headers.queue]: queue,
          [headers.reason]: poison ? 'poison' : 'exhausted',
          [headers.error]: reason,
          [headers.deadAt]: new Date().toISOString(),
        },
      });
      subscription.onOutcome?.(poison ? 'poison' : 'dead_lettered', eventType, error);
      logger.warn({ queue, eventType, attempt, err: error }, 'event dead-lettered');
    } else {
      const delay = retryDelayOf(subscription.retryDelaysMs, attempt);
      await publishConfirmed(publisher, '', topology.retryQueue(queue, delay), message.content, {
        ...base,
        headers: { ...base.headers, [headers.attempt]: attempt, [headers.error]: reason },
      });
      subscription.onOutcome?.('retried', eventType, error);
    }
  }

  async function onMessage(message: ConsumeMessage) {
    const attempt = Number(message.properties.headers?.[headers.attempt] ?? 0) + 1;
    let raw: Buffer | object = message.content;
    try {
      raw = JSON.parse(message.content.toString('utf8')) as object;
    } catch {
      // Not JSON: the handler reports it as poison.
    }
    const subject =
      typeof (raw as { subject?: unknown }).subject === 'string' ? (raw as { subject: string }).subject : '';
    const eventType = String(message.properties.type ?? message.fields.routingKey);
    await serializer.run(subject || String(message.fields.deliveryTag), async () => {
      let failure: unknown;
      try {
        await subscription.handle(raw, { attempt, queue });
      } catch (error) {
        failure = error ?? new Error('handler failed');
      }
      // An ack on a channel that died meanwhile throws: the broker redelivers, the inbox absorbs it.
      if (failure === undefined) return channel.ack(message);
      try {
        await settleFailure(message, attempt, eventType, failure);
      } catch (settleError) {
        // Could not park it anywhere: let the broker hand it out again.
        logger.error({ err: settleError, queue }, 'could not retry or dead-letter a delivery');
        return channel.nack(message, false, true);
      }
      channel.ack(message);
    });
  }

  await channel.prefetch(subscription.concurrency);
  const { consumerTag } = await channel.consume(queue, (message) => {
    if (!message) return;
    const task = onMessage(message)
      .catch((error: unknown) => logger.warn({ err: error, queue }, 'delivery left unacknowledged'))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  });
  return {
    inFlight,
    cancel: async () => {
      await channel.cancel(consumerTag).catch(() => {});
    },
  };
}
