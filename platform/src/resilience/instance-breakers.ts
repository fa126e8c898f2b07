import { setMaxListeners } from 'node:events';
import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type IPolicy,
  wrap,
} from 'cockatiel';

/** Where the calls go: discovery's next instance, and a way to tell it one is failing. */
export interface InstancePicker {
  resolve(): Promise<string>;
  skip(baseUrl: string): void;
}

export interface InstanceBreakers {
  /**
   * Runs `call` against the next instance whose breaker lets calls through,
   * under that breaker and then `inner` (the per-attempt timeout). Throws
   * `BrokenCircuitError` only when every instance it tried is open.
   */
  execute<T>(
    picker: InstancePicker,
    inner: IPolicy,
    call: (baseUrl: string, signal: AbortSignal) => Promise<T>,
  ): Promise<T>;
  /** Every instance seen so far has its breaker open. */
  allOpen(): boolean;
}

/**
 * The parent signal of every call. cockatiel's timeout hangs a listener on
 * its parent for as long as a call runs; left to its default (one shared
 * signal that warns past ten listeners), ordinary concurrency logs "possible
 * EventTarget memory leak". Each listener is removed when its call ends, so
 * this one takes any number.
 */
const callsSignal = new AbortController().signal;
setMaxListeners(0, callsSignal);

/** How many different instances one call may be offered to before giving up. */
const maxPicks = 4;
/** Instances come and go (pods are replaced); the breakers of the oldest are forgotten past this. */
const maxRemembered = 256;

/**
 * A circuit breaker per instance of one upstream, not one for the whole
 * service: when one of two instances dies with calls in flight, its failures
 * open its own breaker and the calls go to the other, instead of pausing the
 * service. A call whose instance is open is never sent there (cockatiel
 * refuses it before running anything), so moving it to another instance is
 * safe even for a call that must not be repeated.
 */
export function createInstanceBreakers(
  isFailure: (error: Error) => boolean,
  settings: { breakerThreshold: number; breakerHalfOpenAfterMs: number },
): InstanceBreakers {
  // Each instance's breaker, and its composition with each inner policy seen (built once, not per call).
  const breakers = new Map<string, { breaker: CircuitBreakerPolicy; wrapped: Map<IPolicy, IPolicy> }>();

  function policyOf(baseUrl: string, inner: IPolicy): IPolicy {
    let entry = breakers.get(baseUrl);
    if (entry) {
      breakers.delete(baseUrl); // re-inserted below: Map order is the recency order
    } else {
      const breaker = circuitBreaker(handleWhen(isFailure), {
        halfOpenAfter: settings.breakerHalfOpenAfterMs,
        breaker: new ConsecutiveBreaker(settings.breakerThreshold),
      });
      entry = { breaker, wrapped: new Map() };
    }
    breakers.set(baseUrl, entry);
    if (breakers.size > maxRemembered) breakers.delete(breakers.keys().next().value as string);
    let policy = entry.wrapped.get(inner);
    if (!policy) {
      policy = wrap(entry.breaker, inner);
      entry.wrapped.set(inner, policy);
    }
    return policy;
  }

  return {
    async execute(picker, inner, call) {
      let refused: unknown;
      const tried = new Set<string>();
      for (let pick = 0; pick < maxPicks; pick++) {
        const baseUrl = await picker.resolve();
        if (tried.has(baseUrl)) break; // discovery has nothing else to offer
        tried.add(baseUrl);
        try {
          return await policyOf(baseUrl, inner).execute(({ signal }) => call(baseUrl, signal), callsSignal);
        } catch (error) {
          if (!(error instanceof BrokenCircuitError)) throw error;
          refused = error;
          picker.skip(baseUrl);
        }
      }
      throw refused;
    },
    allOpen() {
      if (breakers.size === 0) return false;
      for (const { breaker } of breakers.values()) if (breaker.state !== CircuitState.Open) return false;
      return true;
    },
  };
}
