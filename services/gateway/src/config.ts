import { commonSettings } from '@emporium/platform/config/common';
import { type Static, Type } from 'typebox';

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
  },
  { additionalProperties: false },
);

export type GatewaySettings = Static<typeof GatewayConfig>;
