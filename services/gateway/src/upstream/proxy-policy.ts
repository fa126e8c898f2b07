import { createInstanceBreakers, type InstancePicker } from '@emporium/platform/resilience/instance-breakers';
import {
  isUpstreamFailure,
  type UpstreamPolicySettings,
} from '@emporium/platform/resilience/upstream-policy';
import { bulkhead, type IPolicy, TimeoutStrategy, timeout } from 'cockatiel';

/**
 * One upstream's bulkhead, shared by every route to it, and a circuit
 * breaker per instance of it (platform/resilience/instance-breakers.ts),
 * around a timeout chosen per call: a slow report export waits longer than
 * a product page, yet both count against the same breakers. The composition
 * is the platform's `createUpstreamPolicy` `once` (bulkhead → breaker →
 * timeout, never a retry), with the timeout left to the caller.
 */
export interface ProxyPolicy {
  execute<T>(picker: InstancePicker, call: (baseUrl: string) => Promise<T>, timeoutMs: number): Promise<T>;
  /** Every instance of the upstream has its breaker open. */
  isOpen(): boolean;
}

export function createProxyPolicy(settings: UpstreamPolicySettings): ProxyPolicy {
  const breakers = createInstanceBreakers(isUpstreamFailure, settings);
  const limit = bulkhead(settings.maxConcurrent, settings.maxQueued);
  const byTimeout = new Map<number, IPolicy>();
  const timeoutOf = (timeoutMs: number) => {
    let policy = byTimeout.get(timeoutMs);
    if (!policy) {
      // The proxy passes no signal to its request (see proxy-request.ts): nothing to abort on return.
      policy = timeout(timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
      byTimeout.set(timeoutMs, policy);
    }
    return policy;
  };
  return {
    execute: (picker, call, timeoutMs) =>
      limit.execute(() => breakers.execute(picker, timeoutOf(timeoutMs), call)),
    isOpen: breakers.allOpen,
  };
}
