import { cacheSettings, commonSettings } from '@emporium/platform/config/common';
import { type Static, Type } from 'typebox';
import { rateLimitsPattern } from './edge/rate-limit-settings.js';
import { routeValuesPattern } from './routing/path-pattern.js';

const overrideKey =
  '[a-z][a-z-]*\\.(timeoutMs|breakerThreshold|breakerHalfOpenAfterMs|maxConcurrent|maxQueued)';

export const GatewayConfig = Type.Object(
  {
    ...commonSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
    /** Static discovery: `inventory=http://127.0.0.1:8086,product=http://a:8084|http://b:8084`. */
    serviceUrls: Type.Optional(Type.String()),
    /** Defaults for every upstream; `upstreamOverrides` changes them per service. */
    upstreamTimeoutMs: Type.Integer({ minimum: 10, default: 10_000 }),
    upstreamBreakerThreshold: Type.Integer({ minimum: 1, default: 5 }),
    upstreamBreakerHalfOpenAfterMs: Type.Integer({ minimum: 10, default: 5_000 }),
    upstreamMaxConcurrent: Type.Integer({ minimum: 1, default: 512 }),
    upstreamMaxQueued: Type.Integer({ minimum: 0, default: 1_024 }),
    /** Keep-alive sockets per upstream instance. */
    upstreamConnections: Type.Integer({ minimum: 1, default: 128 }),
    /** Per service: `analytics.timeoutMs=30000,search.breakerThreshold=3`. */
    upstreamOverrides: Type.Optional(
      Type.String({ pattern: `^${overrideKey}=\\d+(,${overrideKey}=\\d+)*$` }),
    ),
    /** How long each service gets to answer `/health/ready` (aggregated readiness) and `/openapi.json` (docs). */
    probeTimeoutMs: Type.Integer({ minimum: 10, default: 1_500 }),
    /** How long the merged OpenAPI document is reused before services are asked again. */
    docsCacheMs: Type.Integer({ minimum: 0, default: 15_000 }),

    /** Set: rate-limit counters in Redis, shared by every gateway replica. Unset: per process. */
    ...cacheSettings,
    /** Off only behind another limiter (and in benchmarks comparing the cost). */
    rateLimiting: Type.Boolean({ default: true }),
    /**
     * Boot limits per class, `<class>=<requests>/<seconds>s`; classes left out
     * keep the defaults (edge/rate-limit-settings.ts). The config service's
     * `runtime.rateLimits` changes them live.
     */
    rateLimits: Type.Optional(Type.String({ pattern: rateLimitsPattern })),
    /** Redis key prefix of the counters: replicas of one deployment share it. */
    rateLimitKeyPrefix: Type.String({ minLength: 1, default: 'emporium:gateway:rate:' }),
    /** Proxies in front of the gateway whose `X-Forwarded-For` entry is believed (0: the socket address is the client). */
    trustProxyHops: Type.Integer({ minimum: 0, maximum: 10, default: 0 }),
    /** Origins allowed to call the API from a browser: `https://shop.example,http://localhost:5173`. Unset: none. */
    corsOrigins: Type.Optional(Type.String({ pattern: '^https?://[^,\\s]+(,https?://[^,\\s]+)*$' })),
    /** Request bodies are refused past this size (413), except on the routes `routeBodyLimits` names. */
    bodyLimitBytes: Type.Integer({ minimum: 0, default: 1_048_576 }),
    /**
     * Per route: `/api/v1/products/:id/images=10551296`. The defaults: a 10 MB
     * image plus 64 KB for its multipart envelope, and a 10 MB CSV import.
     */
    routeBodyLimits: Type.String({
      pattern: routeValuesPattern,
      default: '/api/v1/products/:id/images=10551296,/api/v1/products/import=10485760',
    }),
    /** Per route, overriding the service's timeout: `/api/v1/analytics/export=120000`. */
    routeTimeouts: Type.String({ pattern: routeValuesPattern, default: '/api/v1/analytics/export=120000' }),
  },
  { additionalProperties: false },
);

export type GatewaySettings = Static<typeof GatewayConfig>;
