import type { Channel } from 'amqplib';

/**
 * Names and declarations of the RabbitMQ topology:
 *
 * - `emporium.events`: a durable topic exchange; the routing key is the event type.
 * - `<consumer>.<type>`: a consumer's durable work queue, bound by its type.
 * - `<queue>.retry.<delay>`: one per retry delay, with a message TTL of that
 *   delay, dead-lettering back to the work queue when it expires.
 * - `<queue>.dlq`: where a message goes after its last attempt, or at once when poison.
 *
 * `prefix` isolates test runs sharing one broker. `queueExpiryMs`, when set,
 * makes every queue delete itself once nobody has used it for that long
 * (RabbitMQ's `x-expires`): test runs set it, because a broker that
 * accumulates thousands of abandoned durable queues runs out of file handles
 * and never finishes recovering them at its next boot.
 */
export function topologyOf(prefix = '', queueExpiryMs?: number) {
  const expiry: Record<string, number> = queueExpiryMs ? { 'x-expires': queueExpiryMs } : {};
  return {
    /** Arguments every queue of this topology is declared with. */
    queueArguments: expiry,
    exchange: `${prefix}emporium.events`,
    queue: (consumer: string, type: string) => `${prefix}${consumer}.${type}`,
    retryQueue: (queue: string, delayMs: number) => `${queue}.retry.${delayLabel(delayMs)}`,
    deadLetterQueue: (queue: string) => `${queue}.dlq`,
  };
}

export type Topology = ReturnType<typeof topologyOf>;

export function delayLabel(ms: number): string {
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1_000 === 0 && ms > 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}

/** The work queue carries no arguments, so a producer and its consumer declare it identically. */
export async function assertWorkQueue(channel: Channel, topology: Topology, queue: string, type: string) {
  await channel.assertQueue(queue, { durable: true, arguments: topology.queueArguments });
  await channel.bindQueue(queue, topology.exchange, type);
}

export async function assertRetryAndDeadLetterQueues(
  channel: Channel,
  topology: Topology,
  queue: string,
  retryDelaysMs: readonly number[],
) {
  for (const delay of new Set(retryDelaysMs)) {
    await channel.assertQueue(topology.retryQueue(queue, delay), {
      durable: true,
      arguments: {
        ...topology.queueArguments,
        'x-message-ttl': delay,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': queue,
      },
    });
  }
  await channel.assertQueue(topology.deadLetterQueue(queue), {
    durable: true,
    arguments: topology.queueArguments,
  });
}

/** Headers this bus sets on retried and dead-lettered messages. */
export const headers = {
  attempt: 'x-emporium-attempt',
  queue: 'x-emporium-queue',
  reason: 'x-emporium-reason',
  error: 'x-emporium-error',
  deadAt: 'x-emporium-dead-at',
} as const;
