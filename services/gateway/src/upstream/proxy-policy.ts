import { isDependencyFailure } from '@emporium/platform/http/dependency-failure';
import {
  type UpstreamPolicySettings,
  UpstreamStatusError,
} from '@emporium/platform/resilience/upstream-policy';
import {
  bulkhead,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type IPolicy,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';

/**
 * One upstream's bulkhead and circuit breaker, shared by every route to it,
 * around a timeout chosen per call: a slow report export waits longer than
 * a product page, yet both count against the same breaker. The composition
 * is the platform's `createUpstreamPolicy` `once` (bulkhead → breaker →
 * timeout, never a retry), with the timeout left to the caller.
 */
export interface ProxyPolicy {
  execute<T>(call: () => Promise<T>, timeoutMs: number): Promise<T>;
  isOpen(): boolean;
}

const isFailure = (error: Error) => isDependencyFailure(error) || error instanceof UpstreamStatusError;

export function createProxyPolicy(settings: UpstreamPolicySettings): ProxyPolicy {
  const breaker = circuitBreaker(handleWhen(isFailure), {
    halfOpenAfter: settings.breakerHalfOpenAfterMs,
    breaker: new ConsecutiveBreaker(settings.breakerThreshold),
  });
  const limit = bulkhead(settings.maxConcurrent, settings.maxQueued);
  const byTimeout = new Map<number, IPolicy>();
  const policyFor = (timeoutMs: number) => {
    let policy = byTimeout.get(timeoutMs);
    if (!policy) {
      // The proxy passes no signal to its request (see proxy-request.ts): nothing to abort on return.
      const perCall = timeout(timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
      policy = wrap(limit, breaker, perCall);
      byTimeout.set(timeoutMs, policy);
    }
    return policy;
  };
  return {
    execute: (call, timeoutMs) => policyFor(timeoutMs).execute(call),
    isOpen: () => breaker.state === CircuitState.Open,
  };
}
