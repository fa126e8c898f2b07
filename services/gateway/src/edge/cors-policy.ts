import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { platformErrors } from '@emporium/platform/http/errors';
import cors, { type FastifyCorsOptions } from '@fastify/cors';

/**
 * Browsers on the allow-listed origins may call the API; no other origin
 * gets CORS headers, and its preflight is refused with a 403 at the edge
 * (never forwarded to a service). Credentials are tokens in headers, never
 * cookies, so `Access-Control-Allow-Credentials` is never sent (see
 * docs/adr/0005-csrf.md).
 */
export async function registerCors(app: HttpApp, origins: string | undefined): Promise<void> {
  const allowed = new Set((origins ?? '').split(',').filter(Boolean));
  const granted: FastifyCorsOptions = {
    origin: true, // reflects the request's origin, checked against the list below
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'x-api-key',
      'x-cart-token',
      'idempotency-key',
      'x-request-id',
      'traceparent',
      'tracestate',
    ],
    exposedHeaders: [
      'x-request-id',
      'location',
      'idempotent-replayed',
      'retry-after',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'ratelimit-policy',
    ],
    credentials: false,
    maxAge: 600,
    // Any OPTIONS from an allowed origin is answered here, with or without Access-Control-Request-Method.
    strictPreflight: false,
  };
  const withheld: FastifyCorsOptions = { origin: false };

  await app.register(cors, {
    hook: 'onRequest',
    delegator: (request, callback) => {
      const origin = request.headers.origin;
      // No Origin: not a browser's cross-origin call; OPTIONS goes on to the service.
      if (origin === undefined) return callback(null, withheld);
      if (allowed.has(origin)) return callback(null, granted);
      const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'];
      if (preflight)
        return callback(platformErrors.FORBIDDEN(`origin ${origin} may not call this API`), withheld);
      return callback(null, withheld);
    },
  });
}
