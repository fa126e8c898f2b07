import type { CounterStore } from '@emporium/platform/cache/counter-store';
import { platformErrors } from '@emporium/platform/http/errors';
import { sha256Hex } from '../domain/secret-token.js';

export interface LoginThrottleSettings {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowMs: number;
}

/**
 * Slows password guessing: an account that failed `maxFailuresPerAccount`
 * times in a row, or a client address with `maxFailuresPerIp` failures in the
 * window, gets 429 RATE_LIMITED with `Retry-After` until the window ends;
 * even the right password waits. Unknown emails count like known ones, so
 * the throttle reveals nothing about which accounts exist.
 */
export interface LoginThrottle {
  /** Throws RATE_LIMITED (extension `retryAfter`, seconds) while the account or address is held back. */
  check(email: string, ip: string): Promise<void>;
  recordFailure(email: string, ip: string): Promise<void>;
  /** A successful login ends the account's run of failures (not the address's). */
  recordSuccess(email: string): Promise<void>;
}

/** The counters cannot be read or written (Redis down): sign-in fails closed, with a 503 to retry. */
async function counted<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch {
    throw platformErrors.DEPENDENCY_UNAVAILABLE('sign-in is unavailable for a moment; try again');
  }
}

export function createLoginThrottle(store: CounterStore, settings: LoginThrottleSettings): LoginThrottle {
  // Hashed: the store (Redis) never holds email addresses.
  const accountKey = (email: string) => `login:account:${sha256Hex(email)}`;
  const ipKey = (ip: string) => `login:ip:${ip}`;
  return {
    async check(email, ip) {
      const [account, address] = await counted(
        Promise.all([store.peek(accountKey(email)), store.peek(ipKey(ip))]),
      );
      const held = [
        account.count >= settings.maxFailuresPerAccount ? account.resetInMs : 0,
        address.count >= settings.maxFailuresPerIp ? address.resetInMs : 0,
      ];
      const waitMs = Math.max(...held);
      if (waitMs > 0) {
        const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
        throw platformErrors.RATE_LIMITED('too many failed sign-in attempts; try again later', {
          retryAfter,
        });
      }
    },
    async recordFailure(email, ip) {
      await counted(
        Promise.all([
          store.hit(accountKey(email), settings.windowMs),
          store.hit(ipKey(ip), settings.windowMs),
        ]),
      );
    },
    async recordSuccess(email) {
      await counted(store.reset(accountKey(email)));
    },
  };
}
