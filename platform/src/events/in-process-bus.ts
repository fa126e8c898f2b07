import type { Logger } from '../log/logger.js';
import { type BusSubscription, type EventBus, queueNameOf } from './event-bus.js';
import type { InProcessBroker } from './in-process-broker.js';
import { type InProcessWorker, startInProcessWorker } from './in-process-worker.js';

/**
 * One service's view of the process-wide in-process broker, with RabbitMQ's
 * semantics kept:
 *
 * - Durable: events enter only from the producer's outbox relay, and the
 *   relay marks a row sent only after `publish` resolves, which happens
 *   only once every bound consumer queue has written the event to its
 *   consumer's inbox as `pending` (one insert, idempotent on the event id).
 *   A crash before that leaves the row unsent and it is published again; a
 *   crash after leaves pending rows that the restarted worker handles. This
 *   was chosen over delivering synchronously inside `publish` so that a slow
 *   or failing consumer (retries of up to tens of seconds) never holds up
 *   the producer's relay or the other consumers.
 * - At least once, once in effect: the handler runs in `handleOnce`, which
 *   turns the pending row `done` in the handler's own transaction.
 * - Retries with growing delay: a failed attempt sets the row's
 *   `next_attempt_at`; after `maxAttempts` (or at once for poison) the row
 *   moves to the consumer's dead-letter table in one transaction.
 */
export function createInProcessBus(options: {
  broker: InProcessBroker;
  logger: Logger;
  /** How often a worker looks for due deliveries when nothing woke it. */
  pollIntervalMs?: number;
}): EventBus {
  const subscriptions: BusSubscription[] = [];
  const detachers: Array<() => void> = [];
  const workers: InProcessWorker[] = [];
  let started = false;

  return {
    kind: 'in-process',
    publish: (envelope) => options.broker.publish(envelope),
    declareConsumers: async () => {},
    subscribe(subscription) {
      if (started) throw new Error('subscribe before the bus starts');
      if (!subscription.store) throw new Error('the in-process bus needs a delivery store per subscription');
      subscriptions.push(subscription);
    },
    async start() {
      if (started) return;
      started = true;
      for (const subscription of subscriptions) {
        const worker = startInProcessWorker(subscription, {
          logger: options.logger,
          pollIntervalMs: options.pollIntervalMs ?? 500,
        });
        workers.push(worker);
        for (const type of subscription.types) {
          const detach = options.broker.attach(
            queueNameOf(subscription.consumer, type),
            type,
            async (envelope) => {
              await subscription.store!.accept(envelope);
              worker.wake();
            },
          );
          detachers.push(detach);
        }
      }
    },
    async close() {
      for (const detach of detachers.splice(0)) detach();
      await Promise.all(workers.splice(0).map((worker) => worker.stop()));
      started = false;
    },
    async check() {
      if (!options.broker.isOpen) throw new Error('in-process broker is not open');
    },
  };
}
