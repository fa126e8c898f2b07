import { TaskCancelledError } from 'cockatiel';
import type { Dispatcher } from 'undici';

/**
 * The upstream's answer (its status and headers) within `timeoutMs`, else a
 * `TaskCancelledError`: the breaker counts it and the client gets a 504. An
 * answer that arrives later is drained, so its connection goes back to the
 * pool.
 *
 * Written here rather than taken from cockatiel's timeout policy. That policy
 * derives an AbortController and hangs three listeners per call, which cost
 * the gateway about a tenth of a small proxied GET, and the proxy gives undici
 * no signal to abort anyway. undici's own per-request headers timeout is no
 * substitute: it is not always re-armed on a reused connection.
 */
export function answerWithin(
  pending: Promise<Dispatcher.ResponseData>,
  timeoutMs: number,
): Promise<Dispatcher.ResponseData> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new TaskCancelledError(`Operation timed out after ${timeoutMs}ms`));
    }, timeoutMs);
    pending.then(
      (response) => {
        clearTimeout(timer);
        if (late) response.body.dump().catch(() => {});
        else resolve(response);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!late) reject(error);
      },
    );
  });
}
