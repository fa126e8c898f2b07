import type { Logger } from '@emporium/platform/log/logger';
import type { InventoryDeps } from '../use-cases/deps.js';
import { expireReservations } from '../use-cases/expire-reservations.js';

export interface ReservationSweeper {
  /** One sweep now (tests, shutdown); resolves with how many reservations expired. */
  sweep: () => Promise<number>;
  /** Stops the timer and waits for a sweep in progress. */
  stop: () => Promise<void>;
}

/**
 * Releases lapsed reservations every `intervalMs`. Every replica runs one:
 * they claim different reservations (SKIP LOCKED), and a sweep never overlaps
 * the previous one of the same replica.
 */
export function startReservationSweeper(
  deps: InventoryDeps,
  options: { intervalMs: number; batch: number; logger: Logger },
): ReservationSweeper {
  let running: Promise<number> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const sweep = () => {
    running ??= expireReservations(deps, options.logger, { limit: options.batch })
      .catch((error: unknown) => {
        options.logger.warn({ err: error }, 'reservation sweep failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void sweep().finally(schedule);
    }, options.intervalMs);
    timer.unref();
  };
  schedule();

  return {
    sweep,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
