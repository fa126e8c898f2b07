import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { AnalyticsDeps } from '../use-cases/deps.js';
import { getCustomersReport } from '../use-cases/get-customers-report.js';
import { getFunnel } from '../use-cases/get-funnel.js';
import { getSearchReport } from '../use-cases/get-search-report.js';
import { Bound, CustomersReport, FunnelReport, Interval, SearchReport } from './schemas.js';

const Range = { from: Type.Optional(Bound), to: Type.Optional(Bound) };

/** Admin (analytics:read): registered in the guarded scope of `app.ts`. */
export function behaviourRoutes(app: HttpApp, deps: AnalyticsDeps): void {
  app.get(
    '/api/v1/analytics/customers',
    {
      schema: {
        tags: ['analytics'],
        description:
          'New versus returning customers per period of [from, to), and monthly cohort retention of the customers whose first paid order falls in it.',
        querystring: Type.Object({ ...Range, interval: Interval }, { additionalProperties: false }),
        response: { 200: CustomersReport },
      },
    },
    async (request) => getCustomersReport(deps, request.query),
  );

  app.get(
    '/api/v1/analytics/funnel',
    {
      schema: {
        tags: ['analytics'],
        description:
          'Visitors who viewed, added to a cart, checked out and paid in [from, to), with conversion rates.',
        querystring: Type.Object(Range, { additionalProperties: false }),
        response: { 200: FunnelReport },
      },
    },
    async (request) => getFunnel(deps, request.query),
  );

  app.get(
    '/api/v1/analytics/searches',
    {
      schema: {
        tags: ['analytics'],
        description: 'Top search terms, zero-result terms and click-through in [from, to).',
        querystring: Type.Object(
          { ...Range, limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) },
          { additionalProperties: false },
        ),
        response: { 200: SearchReport },
      },
    },
    async (request) => getSearchReport(deps, request.query),
  );
}
