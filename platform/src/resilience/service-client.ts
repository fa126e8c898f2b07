import { bulkhead, ExponentialBackoff, handleWhen, retry, TimeoutStrategy, timeout } from 'cockatiel';
import { Agent, request as undiciRequest } from 'undici';
import type { ServiceLocator } from '../discovery/service-locator.js';
import type { RequestContext } from '../http/request-context.js';
import { injectTraceHeaders, startOutboundSpan } from '../tracing/tracing.js';
import { createInstanceBreakers } from './instance-breakers.js';
import {
  defaultUpstreamPolicy,
  isUpstreamFailure,
  type UpstreamPolicySettings,
  UpstreamStatusError,
} from './upstream-policy.js';

export interface ServiceResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

export interface CallOptions {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to repeat? GET/HEAD/PUT/DELETE are by default; a POST only with an idempotency key. */
  idempotent?: boolean;
}

export interface ServiceClient {
  call<T = unknown>(ctx: RequestContext | undefined, options: CallOptions): Promise<ServiceResponse<T>>;
  /** Every instance of the target has its circuit breaker open. */
  isOpen(): boolean;
}

const sharedAgent = new Agent({ keepAliveTimeout: 10_000, connections: 128 });
const idempotentMethods = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/**
 * A client for one other service: resolves an instance through discovery,
 * then calls it under bulkhead, a circuit breaker per instance (a dead
 * instance's calls move to a live one), timeout and (for idempotent calls)
 * retry with backoff. It carries the caller's request id, trace
 * context and credentials, so a request can be followed across services and
 * every service checks the caller itself. A 5xx counts as a failure; a 4xx is
 * the caller's answer and is returned as is.
 */
export function createServiceClient(settings: {
  caller: string;
  target: string;
  locator: ServiceLocator;
  policy?: UpstreamPolicySettings;
  /** Credentials used when no end-user request is being served (background work). */
  serviceAuthorization?: () => string | undefined;
}): ServiceClient {
  const policySettings = settings.policy ?? defaultUpstreamPolicy;
  const limit = bulkhead(policySettings.maxConcurrent, policySettings.maxQueued);
  const perAttempt = timeout(policySettings.timeoutMs, {
    strategy: TimeoutStrategy.Aggressive,
    abortOnReturn: policySettings.abortOnReturn ?? true,
  });
  const breakers = createInstanceBreakers(isUpstreamFailure, policySettings);
  const retrying = retry(handleWhen(isUpstreamFailure), {
    maxAttempts: policySettings.retries,
    backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1_000 }),
  });
  const picker = {
    resolve: () => settings.locator.resolve(settings.target),
    skip: (baseUrl: string) => settings.locator.reportFailure?.(settings.target, baseUrl),
  };
  const once = <T>(ctx: RequestContext | undefined, options: CallOptions) =>
    limit.execute(() =>
      breakers.execute(picker, perAttempt, (baseUrl, signal) => attempt<T>(baseUrl, ctx, options, signal)),
    );

  async function attempt<T>(
    baseUrl: string,
    ctx: RequestContext | undefined,
    options: CallOptions,
    signal: AbortSignal,
  ): Promise<ServiceResponse<T>> {
    const { span, ctx: traceCtx } = startOutboundSpan(
      settings.caller,
      `${options.method} ${settings.target}`,
      ctx?.trace,
    );
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (ctx) headers['x-request-id'] = ctx.requestId;
    const authorization = ctx?.authorization ?? settings.serviceAuthorization?.();
    if (authorization) headers.authorization = authorization;
    injectTraceHeaders(traceCtx, headers);
    let payload: string | undefined;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    try {
      const response = await undiciRequest(`${baseUrl}${options.path}`, {
        method: options.method,
        headers,
        body: payload,
        signal,
        dispatcher: sharedAgent,
      });
      const text = await response.body.text();
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) {
        settings.locator.reportFailure?.(settings.target, baseUrl);
        throw new UpstreamStatusError(response.statusCode);
      }
      const isJson = /json/.test(String(response.headers['content-type'] ?? ''));
      return {
        status: response.statusCode,
        headers: response.headers,
        body: (isJson && text ? JSON.parse(text) : text) as T,
      };
    } catch (error) {
      if (!(error instanceof UpstreamStatusError)) settings.locator.reportFailure?.(settings.target, baseUrl);
      throw error;
    } finally {
      span.end();
    }
  }

  return {
    isOpen: breakers.allOpen,
    call<T>(ctx: RequestContext | undefined, options: CallOptions) {
      const idempotent = options.idempotent ?? idempotentMethods.has(options.method);
      if (!idempotent) return once<T>(ctx, options);
      return retrying.execute(() => once<T>(ctx, options));
    },
  };
}
