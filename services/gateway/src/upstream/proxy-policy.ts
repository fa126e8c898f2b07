import { createInstanceBreakers, type InstancePicker } from '@emporium/platform/resilience/instance-breakers';
import {
  isUpstreamFailure,
  type UpstreamPolicySettings,
} from '@emporium/platform/resilience/upstream-policy';
import { bulkhead, noop } from 'cockatiel';

/**
 * One upstream's bulkhead, shared by every route to it, and a circuit
 * breaker per instance of it (platform/resilience/instance-breakers.ts):
 * the platform's `createUpstreamPolicy` `once` (bulkhead → breaker, never a
 * retry). The route's timeout runs inside the call (proxy/answer-within.ts),
 * so the breaker counts a timeout like any other failure.
 */
export interface ProxyPolicy {
  execute<T>(picker: InstancePicker, call: (baseUrl: string) => Promise<T>): Promise<T>;
  /** Every instance of the upstream has its breaker open. */
  isOpen(): boolean;
}

export function createProxyPolicy(settings: UpstreamPolicySettings): ProxyPolicy {
  const breakers = createInstanceBreakers(isUpstreamFailure, settings);
  const limit = bulkhead(settings.maxConcurrent, settings.maxQueued);
  return {
    execute: (picker, call) => limit.execute(() => breakers.execute(picker, noop, call)),
    isOpen: breakers.allOpen,
  };
}
