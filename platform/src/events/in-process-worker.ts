import type { Logger } from '../log/logger.js';
import type { PendingDelivery } from './delivery-store.js';
import {
  type BusSubscription,
  errorMessageOf,
  PoisonMessageError,
  queueNameOf,
  retryDelayOf,
} from './event-bus.js';
import { createKeyedSerializer } from './keyed-serializer.js';

export interface InProcessWorker {
  wake: () => void;
  stop: () => Promise<void>;
}

/**
 * Drains one subscription's pending deliveries from its store: handle,
 * then on failure schedule the retry (the row's `next_attempt_at`) or move it
 * to the dead letters. Woken when a delivery is accepted or a retry falls
 * due, and by a poll that also picks up what a previous process left.
 */
export function startInProcessWorker(
  subscription: BusSubscription,
  options: { logger: Logger; pollIntervalMs: number },
): InProcessWorker {
  const store = subscription.store!;
  const inFlight = new Map<string, Promise<void>>();
  const serializer = createKeyedSerializer();
  const timers = new Set<NodeJS.Timeout>();
  let running = true;
  let wakeUp: (() => void) | undefined;

  const wake = () => {
    const resolve = wakeUp;
    wakeUp = undefined;
    resolve?.();
  };
  const wakeIn = (ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      wake();
    }, ms);
    timers.add(timer);
  };

  async function process(delivery: PendingDelivery): Promise<void> {
    const attempt = delivery.attempts + 1;
    const queue = queueNameOf(subscription.consumer, delivery.eventType);
    try {
      await subscription.handle(delivery.envelope, { attempt, queue });
    } catch (error) {
      const poison = error instanceof PoisonMessageError;
      const message = errorMessageOf(error);
      if (poison || attempt >= subscription.maxAttempts) {
        await store.deadLetter(delivery, {
          queue,
          reason: poison ? 'poison' : 'exhausted',
          error: message,
          attempts: attempt,
        });
        subscription.onOutcome?.(poison ? 'poison' : 'dead_lettered', delivery.eventType, error);
        options.logger.warn(
          { eventId: delivery.eventId, eventType: delivery.eventType, attempt, queue, err: error },
          'event dead-lettered',
        );
        return;
      }
      const delay = retryDelayOf(subscription.retryDelaysMs, attempt);
      await store.scheduleRetry(delivery.eventId, delay, message);
      subscription.onOutcome?.('retried', delivery.eventType, error);
      wakeIn(delay + 5);
    }
  }

  async function loop(): Promise<void> {
    while (running) {
      try {
        const room = subscription.concurrency - inFlight.size;
        const due = await store.claimDue(subscription.types, room, [...inFlight.keys()]);
        for (const delivery of due) {
          const subject = String(delivery.envelope.subject ?? delivery.eventId);
          const task = serializer
            .run(subject, () => process(delivery))
            .catch((error: unknown) => {
              // The store is unreachable: the row stays pending and the next round takes it again.
              options.logger.error({ err: error, eventId: delivery.eventId }, 'in-process delivery failed');
            })
            .finally(() => {
              inFlight.delete(delivery.eventId);
              wake();
            });
          inFlight.set(delivery.eventId, task);
        }
        if (due.length > 0 && due.length === room) continue;
      } catch (error) {
        options.logger.error({ err: error }, 'in-process worker round failed');
      }
      if (!running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollIntervalMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  const done = loop();
  return {
    wake,
    async stop() {
      running = false;
      wake();
      await done;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled(inFlight.values());
    },
  };
}
