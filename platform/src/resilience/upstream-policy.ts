import {
  bulkhead,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  type IPolicy,
  retry,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import { isDependencyFailure } from '../http/dependency-failure.js';

export interface UpstreamPolicySettings {
  /** Per attempt, in milliseconds. */
  timeoutMs: number;
  /** Extra attempts for idempotent calls only. */
  retries: number;
  /** Consecutive failures that open the breaker. */
  breakerThreshold: number;
  /** How long the breaker stays open before letting one call through to probe. */
  breakerHalfOpenAfterMs: number;
  /** Concurrent calls allowed to this upstream, and how many may wait for a slot. */
  maxConcurrent: number;
  maxQueued: number;
  /**
   * Abort the call's signal once it returns (cockatiel's default: cancels
   * leftovers). False when the caller ignores the signal after return, as
   * the gateway does: it saves an AbortError per call.
   */
  abortOnReturn?: boolean;
}

export const defaultUpstreamPolicy: UpstreamPolicySettings = {
  timeoutMs: 5_000,
  retries: 2,
  breakerThreshold: 5,
  breakerHalfOpenAfterMs: 5_000,
  maxConcurrent: 64,
  maxQueued: 256,
};

/** An upstream answering 5xx counts against the breaker like a network failure. */
export class UpstreamStatusError extends Error {
  constructor(readonly status: number) {
    super(`upstream answered ${status}`);
  }
}

/** What counts against a breaker and is worth a retry: the upstream down, slow, refusing, or answering 5xx. */
export const isUpstreamFailure = (error: Error) =>
  isDependencyFailure(error) || error instanceof UpstreamStatusError;

export interface UpstreamPolicy {
  /** bulkhead → breaker → timeout, no retry: for calls that must not be repeated. */
  once: IPolicy;
  /** retry with exponential backoff around the above: for idempotent calls. */
  idempotent: IPolicy;
  isOpen: () => boolean;
}

/**
 * The resilience around every call to one upstream (seed: circuit breaker,
 * retry with exponential backoff, timeouts, bulkhead), from cockatiel.
 * One per upstream, so one failing service does not trip calls to another.
 * For a single host (a payment provider's API); calls to another Emporium
 * service, which may run as several instances, use the service client's
 * breaker per instance instead.
 */
export function createUpstreamPolicy(
  settings: UpstreamPolicySettings = defaultUpstreamPolicy,
): UpstreamPolicy {
  const breaker = circuitBreaker(handleWhen(isUpstreamFailure), {
    halfOpenAfter: settings.breakerHalfOpenAfterMs,
    breaker: new ConsecutiveBreaker(settings.breakerThreshold),
  });
  const perAttempt = timeout(settings.timeoutMs, {
    strategy: TimeoutStrategy.Aggressive,
    abortOnReturn: settings.abortOnReturn ?? true,
  });
  const limit = bulkhead(settings.maxConcurrent, settings.maxQueued);
  const once = wrap(limit, breaker, perAttempt);
  const retrying = retry(handleWhen(isUpstreamFailure), {
    maxAttempts: settings.retries,
    backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1_000 }),
  });
  return { once, idempotent: wrap(retrying, once), isOpen: () => breaker.state === CircuitState.Open };
}
