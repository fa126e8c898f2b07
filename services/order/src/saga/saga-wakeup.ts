/**
 * Lets whoever makes a saga step due (a checkout, an event, a cancellation)
 * nudge the worker so it runs now rather than at its next poll.
 */
export interface SagaWakeup {
  wake(): void;
  /**
   * Wakes the worker shortly: for callers inside a transaction that has not
   * committed yet (an event handler), whose change the worker could not see now.
   */
  wakeSoon(): void;
  /** Resolves on the next `wake()` or after `ms`, whichever comes first. */
  sleep(ms: number): Promise<void>;
}

export function createSagaWakeup(): SagaWakeup {
  let pending: (() => void) | undefined;
  let woken = false;
  const wake = () => {
    if (pending) {
      const resolve = pending;
      pending = undefined;
      resolve();
    } else {
      woken = true;
    }
  };
  return {
    wake,
    wakeSoon() {
      setTimeout(wake, 20).unref();
    },
    sleep(ms) {
      if (woken) {
        woken = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending = undefined;
          resolve();
        }, ms);
        timer.unref();
        pending = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
  };
}
