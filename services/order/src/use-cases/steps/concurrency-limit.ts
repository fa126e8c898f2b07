import { orderErrors } from '../../domain/errors.js';

export interface ConcurrencyLimit {
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly queued: number;
}

/**
 * A bulkhead around checkouts: at most `max` run at once, the rest wait in
 * line (in memory, holding no database connection) and beyond `maxQueued`
 * are turned away with a 503 to retry. A burst of checkouts then queues here
 * instead of timing out while waiting for a pool connection, and the product
 * and inventory services see at most `max` of them at a time.
 */
export function createConcurrencyLimit(max: number, maxQueued: number): ConcurrencyLimit {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    active -= 1;
    const next = waiting.shift();
    if (next) {
      active += 1;
      next();
    }
  };
  return {
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
    async run(work) {
      if (active >= max) {
        if (waiting.length >= maxQueued)
          throw orderErrors.CHECKOUT_UNAVAILABLE('too many checkouts at once; retry shortly');
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        active += 1;
      }
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}
