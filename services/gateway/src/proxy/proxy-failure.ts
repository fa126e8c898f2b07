import { isDependencyFailure } from '@emporium/platform/http/dependency-failure';
import { type AppError, platformErrors } from '@emporium/platform/http/errors';
import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';

export interface ProxyFailure {
  error: AppError;
  /** Seconds, sent as `Retry-After` with a 503. */
  retryAfter?: number;
  /** True for failures that are not the upstream being down or slow: worth an error log. */
  unexpected?: boolean;
}

const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const connectCodes = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * The connection could not even be opened, so the upstream received nothing:
 * the only failure after which the gateway repeats a (GET/HEAD) request.
 */
export function isConnectFailure(error: unknown): boolean {
  const code = codeOf(error);
  return typeof code === 'string' && connectCodes.has(code);
}

/** What the client is told when a proxied call fails before the upstream answered. */
export function proxyFailureOf(
  error: unknown,
  service: string,
  settings: { timeoutMs: number; breakerHalfOpenAfterMs: number },
): ProxyFailure {
  if (error instanceof BrokenCircuitError) {
    return {
      error: platformErrors.DEPENDENCY_UNAVAILABLE(`${service} is failing; calls are paused`, { service }),
      retryAfter: Math.max(1, Math.ceil(settings.breakerHalfOpenAfterMs / 1000)),
    };
  }
  if (error instanceof BulkheadRejectedError) {
    return {
      error: platformErrors.DEPENDENCY_UNAVAILABLE(`${service} has too many calls in flight`, { service }),
      retryAfter: 1,
    };
  }
  const code = codeOf(error);
  if (error instanceof TaskCancelledError || (typeof code === 'string' && timeoutCodes.has(code))) {
    return {
      error: platformErrors.UPSTREAM_TIMEOUT(`${service} did not answer within ${settings.timeoutMs} ms`, {
        service,
      }),
    };
  }
  if (isDependencyFailure(error)) {
    return {
      error: platformErrors.DEPENDENCY_UNAVAILABLE(`${service} is unavailable`, { service }),
      retryAfter: 1,
    };
  }
  return {
    error: platformErrors.BAD_GATEWAY(`the call to ${service} failed`, { service }),
    unexpected: true,
  };
}
