import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { AnalyticsDeps } from '../use-cases/deps.js';
import { getPerformance } from '../use-cases/get-performance.js';
import { scrapeServices } from '../use-cases/scrape-services.js';
import { PerformanceReport } from './schemas.js';

/** Admin (analytics:read): registered in the guarded scope of `app.ts`. */
export function performanceRoutes(app: HttpApp, deps: AnalyticsDeps): void {
  app.get(
    '/api/v1/analytics/performance',
    {
      schema: {
        tags: ['analytics'],
        description:
          "Request rate, 5xx rate and p95 latency per service over the last `windowMinutes`, from scrapes of each service's /metrics.",
        querystring: Type.Object(
          { windowMinutes: Type.Integer({ minimum: 1, maximum: 10_080, default: 60 }) },
          { additionalProperties: false },
        ),
        response: { 200: PerformanceReport },
      },
    },
    async (request) => getPerformance(deps, request.query),
  );

  app.post(
    '/api/v1/analytics/performance/scrapes',
    {
      schema: {
        tags: ['analytics'],
        description: 'Scrapes every watched service now (the background scraper does it periodically).',
        response: {
          200: Type.Object(
            { scraped: Type.Integer(), failed: Type.Integer() },
            { additionalProperties: false },
          ),
        },
      },
    },
    async () => scrapeServices(deps),
  );
}
