import type { Logger } from '@emporium/platform/log/logger';
import { type DispatchDeps, type DispatchOutcome, dispatchDue } from '../use-cases/dispatch-due.js';

export interface DeliveryDispatcher {
  /** One batch now (tests); resolves with what happened to it. */
  dispatch: () => Promise<DispatchOutcome>;
  /** Stops the timer and waits for a batch in progress. */
  stop: () => Promise<void>;
}

/**
 * Sends queued messages every `intervalMs`, and again at once while batches
 * come back full. Every replica runs one; they claim different rows.
 */
export function startDeliveryDispatcher(
  deps: DispatchDeps,
  options: { intervalMs: number; logger: Logger },
): DeliveryDispatcher {
  let running: Promise<DispatchOutcome> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const idle: DispatchOutcome = { sent: 0, retried: 0, failed: 0 };

  const dispatch = () => {
    running ??= dispatchDue(deps)
      .catch((error: unknown) => {
        options.logger.warn({ err: error }, 'delivery dispatch failed');
        return idle;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      void dispatch().then((outcome) => {
        const handled = outcome.sent + outcome.retried + outcome.failed;
        schedule(handled >= deps.settings.batch ? 0 : options.intervalMs);
      });
    }, delayMs);
    timer.unref();
  };
  schedule(options.intervalMs);

  return {
    dispatch,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
