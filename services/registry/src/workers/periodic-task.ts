import type { Logger } from '@emporium/platform/log/logger';

export interface PeriodicTask {
  /** Runs the task now, unless a run is in flight. */
  wake: () => void;
  /** Stops the timer and waits for the run in flight. */
  stop: () => Promise<void>;
}

/**
 * Runs `task` every `intervalMs`, one run at a time; a failing run is logged
 * and the next one happens on schedule (the database may come back).
 */
export function startPeriodicTask(
  name: string,
  intervalMs: number,
  task: () => Promise<void>,
  logger: Logger,
) {
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    if (stopped || running) return;
    running = task()
      .catch((error: unknown) => logger.warn({ err: error, task: name }, 'background task failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  const handle: PeriodicTask = {
    wake: run,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
  return handle;
}
