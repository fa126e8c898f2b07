import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import type { GatewayDeps } from './deps.js';
import type { OpenApiDocument } from './docs/merge-openapi.js';
import { createOpenApiSource } from './docs/openapi-source.js';
import { registerCors } from './edge/cors-policy.js';
import { edgeGuard } from './edge/edge-guard.js';
import { followRateLimits } from './edge/live-rate-limits.js';
import { bootRateLimits } from './edge/rate-limit-settings.js';
import { createRateLimiter, type RateLimiter } from './edge/rate-limiter.js';
import { registerSecurityHeaders } from './edge/security-headers.js';
import { docsRoutes } from './http/docs.routes.js';
import { proxyRoutes } from './http/proxy.routes.js';
import { readinessRoutes } from './http/readiness.routes.js';

export interface GatewayAppDeps extends GatewayDeps {
  metrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

const version = '0.1.0';

export async function buildApp(deps: GatewayAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'gateway',
    version,
    description: 'The one public entry: routes /api/v1/<area> to the owning service.',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    // `/health/ready` here aggregates every service (readiness.routes.ts).
    readinessRoute: false,
    bodyLimit: deps.config.bodyLimitBytes,
    // No `auth`: the edge guard verifies callers on proxied routes only (edge/edge-guard.ts).
  });
  registerSecurityHeaders(app);
  await registerCors(app, deps.config.corsOrigins);
  const limiter = await rateLimiterOf(app, deps);

  readinessRoutes(app, deps);
  const docs = createOpenApiSource(deps, {
    version,
    document: () => app.swagger() as unknown as OpenApiDocument,
  });
  await docsRoutes(app, docs);
  const guard = edgeGuard({ verifiers: deps.auth, limiter, trustProxyHops: deps.config.trustProxyHops });
  await proxyRoutes(app, deps, guard);
  return app;
}

async function rateLimiterOf(app: HttpApp, deps: GatewayAppDeps): Promise<RateLimiter | undefined> {
  if (!deps.config.rateLimiting) return undefined;
  const boot = bootRateLimits(deps.config.rateLimits);
  const limiter = await createRateLimiter(app, {
    limits: boot,
    redisUrl: deps.config.redisUrl,
    keyPrefix: deps.config.rateLimitKeyPrefix,
    logger: deps.logger,
  });
  const unfollow = deps.liveConfig
    ? followRateLimits(deps.liveConfig, limiter, boot, deps.logger)
    : undefined;
  app.addHook('onClose', async () => {
    unfollow?.();
    await limiter.close();
  });
  return limiter;
}
