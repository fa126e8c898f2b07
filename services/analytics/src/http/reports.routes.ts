import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { AnalyticsDeps } from '../use-cases/deps.js';
import { getSalesReport } from '../use-cases/get-sales-report.js';
import { getTopProducts } from '../use-cases/get-top-products.js';
import { Interval, RangeQuery, SalesReport, TopProductsReport } from './schemas.js';

/** Admin: registered in the admin scope of `app.ts`. */
export function reportsRoutes(app: HttpApp, deps: AnalyticsDeps): void {
  app.get(
    '/api/v1/analytics/sales',
    {
      schema: {
        tags: ['analytics'],
        description:
          'Orders, revenue, average order value and units per UTC day, week or month of [from, to), empty periods as zeros.',
        querystring: Type.Object({ ...RangeQuery, interval: Interval }, { additionalProperties: false }),
        response: { 200: SalesReport },
      },
    },
    async (request) => getSalesReport(deps, request.query),
  );

  app.get(
    '/api/v1/analytics/top-products',
    {
      schema: {
        tags: ['analytics'],
        description: 'Best-selling products of [from, to) by revenue, then units.',
        querystring: Type.Object(
          { ...RangeQuery, limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }) },
          { additionalProperties: false },
        ),
        response: { 200: TopProductsReport },
      },
    },
    async (request) => getTopProducts(deps, request.query),
  );
}
