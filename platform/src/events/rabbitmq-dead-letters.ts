import type { ConfirmChannel, GetMessage } from 'amqplib';
import { type DeadLetter, type DeadLetters, decodeCursor, encodeCursor, payloadOf } from './dead-letters.js';
import { BrokerUnavailableError } from './event-bus.js';
import { publishConfirmed } from './rabbitmq-consumer.js';
import { headers, type Topology } from './rabbitmq-topology.js';

/** Browsing stops here: a dead-letter queue this long needs a bulk replay, not paging. */
const browseLimit = 10_000;

/**
 * Dead letters kept in RabbitMQ's `<queue>.dlq` queues. Browsing takes the
 * messages without acknowledging them on a channel of its own, then closes
 * it, which puts them all back; replay acknowledges only the message it
 * re-published (confirmed) to the work queue. An id is `<dlq>#<message id>`.
 */
export function createRabbitMqDeadLetters(options: {
  topology: Topology;
  queues: () => readonly string[];
  /** A fresh channel on the bus's live connection (confirm mode, for re-publishing). */
  openChannel: () => Promise<ConfirmChannel>;
}): DeadLetters {
  const { topology } = options;
  const deadLetterQueues = (queue?: string) =>
    options
      .queues()
      .filter((q) => !queue || q === queue)
      .map((q) => topology.deadLetterQueue(q));

  async function browse<T>(
    dlq: string,
    visit: (messages: GetMessage[], channel: ConfirmChannel) => Promise<T>,
  ): Promise<T> {
    const channel = await options.openChannel();
    channel.on('error', () => {});
    try {
      await channel.checkQueue(dlq);
      const messages: GetMessage[] = [];
      while (messages.length < browseLimit) {
        const message = await channel.get(dlq, { noAck: false });
        if (!message) break;
        messages.push(message);
      }
      return await visit(messages, channel);
    } finally {
      await channel.close().catch(() => {});
    }
  }

  async function browseOrEmpty(dlq: string): Promise<DeadLetter[]> {
    try {
      return await browse(dlq, async (messages) => messages.map((m) => toDeadLetter(dlq, m)));
    } catch (error) {
      if (error instanceof BrokerUnavailableError) throw error;
      return []; // the queue does not exist (yet)
    }
  }

  async function replayWhere(dlq: string, match: (m: GetMessage) => boolean): Promise<number> {
    return browse(dlq, async (messages, channel) => {
      let replayed = 0;
      for (const message of messages.filter(match)) {
        const queue = dlq.slice(0, -'.dlq'.length);
        const {
          [headers.attempt]: _attempt,
          [headers.reason]: _reason,
          [headers.error]: _error,
          [headers.deadAt]: _deadAt,
          [headers.queue]: _queue,
          ...kept
        } = message.properties.headers ?? {};
        await publishConfirmed(channel, '', queue, message.content, {
          ...message.properties,
          headers: kept,
          persistent: true,
        });
        channel.ack(message);
        replayed += 1;
      }
      return replayed;
    });
  }

  const idOf = (dlq: string, message: GetMessage) =>
    `${dlq}#${String(message.properties.messageId ?? message.fields.deliveryTag)}`;

  function toDeadLetter(dlq: string, message: GetMessage): DeadLetter {
    const h = message.properties.headers ?? {};
    const payload = payloadOf(message.content.toString('utf8'));
    const envelope =
      typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
    return {
      id: idOf(dlq, message),
      queue: String(h[headers.queue] ?? dlq.slice(0, -'.dlq'.length)),
      eventId: typeof envelope.id === 'string' ? envelope.id : null,
      eventType: typeof envelope.type === 'string' ? envelope.type : (message.properties.type ?? null),
      reason: h[headers.reason] === 'poison' ? 'poison' : 'exhausted',
      error: String(h[headers.error] ?? ''),
      attempts: Number(h[headers.attempt] ?? 0),
      deadAt: String(h[headers.deadAt] ?? ''),
      payload,
    };
  }

  return {
    async list({ queue, limit, cursor }) {
      const after = decodeCursor(cursor);
      const all: DeadLetter[] = [];
      for (const dlq of deadLetterQueues(queue)) all.push(...(await browseOrEmpty(dlq)));
      const start = after ? all.findIndex((d) => d.id === after) + 1 : 0;
      const items = all.slice(start, start + limit);
      const more = start + limit < all.length;
      return { items, nextCursor: more && items.length > 0 ? encodeCursor(items.at(-1)!.id) : null };
    },
    async get(id) {
      const dlq = id.slice(0, id.lastIndexOf('#'));
      if (!deadLetterQueues().includes(dlq)) return undefined;
      return (await browseOrEmpty(dlq)).find((d) => d.id === id);
    },
    async replay(id) {
      const dlq = id.slice(0, id.lastIndexOf('#'));
      if (!deadLetterQueues().includes(dlq)) return false;
      return (await replayWhere(dlq, (m) => idOf(dlq, m) === id)) > 0;
    },
    async replayAll({ queue }) {
      let replayed = 0;
      for (const dlq of deadLetterQueues(queue)) {
        try {
          replayed += await replayWhere(dlq, () => true);
        } catch (error) {
          if (error instanceof BrokerUnavailableError) throw error;
        }
      }
      return replayed;
    },
    async depth() {
      const depths: Array<{ queue: string; count: number }> = [];
      for (const dlq of deadLetterQueues()) {
        const channel = await options.openChannel();
        channel.on('error', () => {});
        try {
          const { messageCount } = await channel.checkQueue(dlq);
          depths.push({ queue: dlq.slice(0, -'.dlq'.length), count: messageCount });
        } catch {
          depths.push({ queue: dlq.slice(0, -'.dlq'.length), count: 0 });
        } finally {
          await channel.close().catch(() => {});
        }
      }
      return depths;
    },
  };
}
