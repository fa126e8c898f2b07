import { isDependencyFailure } from '@emporium/platform/http/dependency-failure';
import { createUpstreamPolicy, UpstreamStatusError } from '@emporium/platform/resilience/upstream-policy';
import type { ProviderName } from '../domain/payment-enums.js';
import { ProviderUnavailableError } from './payment-provider.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** Aborted when the attempt times out. */
  signal?: AbortSignal | undefined;
}

export interface HttpResponse {
  status: number;
  text: string;
}

/** How a provider client reaches its gateway; tests of third parties that cannot run here pass a fake one. */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** The real transport: `fetch`, with the per-attempt timeout left to the resilience policy. */
export const fetchTransport: HttpTransport = async (request) => {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    // fetch hides the socket error in `cause`; the resilience policy recognises it by its code.
    const code = (error as { cause?: { code?: string } }).cause?.code ?? 'ECONNRESET';
    throw Object.assign(new Error(`cannot reach ${new URL(request.url).host}`, { cause: error }), { code });
  }
};

/**
 * Timeout, retry with backoff, breaker and bulkhead around a provider's
 * transport. Every provider call carries an idempotency key, so repeating one
 * is safe; a 5xx or a network failure retries and then surfaces as
 * `ProviderUnavailableError` (the outcome is unknown), a 4xx is returned.
 */
export function resilientTransport(
  provider: ProviderName,
  transport: HttpTransport,
  settings: { timeoutMs: number; retries: number },
): HttpTransport {
  const policy = createUpstreamPolicy({
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    breakerThreshold: 5,
    breakerHalfOpenAfterMs: 5_000,
    maxConcurrent: 64,
    maxQueued: 256,
  });
  return async (request) => {
    try {
      return await policy.idempotent.execute(async ({ signal }) => {
        const response = await transport({ ...request, signal });
        if (response.status >= 500) throw new UpstreamStatusError(response.status);
        return response;
      });
    } catch (error) {
      if (error instanceof UpstreamStatusError || isDependencyFailure(error)) {
        throw new ProviderUnavailableError(
          provider,
          `${provider} did not answer: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  };
}

/** Parses a provider's JSON answer; a body that is not JSON is the provider's failure, not ours. */
export function jsonOf(provider: ProviderName, response: HttpResponse): Record<string, unknown> {
  try {
    return JSON.parse(response.text) as Record<string, unknown>;
  } catch (error) {
    throw new ProviderUnavailableError(provider, `${provider} answered ${response.status} with no JSON`, {
      cause: error,
    });
  }
}
