import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { AnalyticsDeps } from '../use-cases/deps.js';
import { getCategorySales } from '../use-cases/get-category-sales.js';
import { getRefundsReport } from '../use-cases/get-refunds-report.js';
import { getSalesReport } from '../use-cases/get-sales-report.js';
import { getTopProducts } from '../use-cases/get-top-products.js';
import {
  CategoriesReport,
  Interval,
  RangeQuery,
  RefundsReport,
  SalesReport,
  TopProductsReport,
} from './schemas.js';

/** Admin (analytics:read): registered in the guarded scope of `app.ts`. */
export function salesRoutes(app: HttpApp, deps: AnalyticsDeps): void {
  app.get(
    '/api/v1/analytics/sales',
    {
      schema: {
        tags: ['analytics'],
        description:
          'Paid orders, revenue, refunds, net revenue, average order value and units per UTC day, week or month of [from, to), in one currency, empty periods as zeros.',
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

  app.get(
    '/api/v1/analytics/categories',
    {
      schema: {
        tags: ['analytics'],
        description: 'Sales of [from, to) per product category, by revenue.',
        querystring: Type.Object(RangeQuery, { additionalProperties: false }),
        response: { 200: CategoriesReport },
      },
    },
    async (request) => getCategorySales(deps, request.query),
  );

  app.get(
    '/api/v1/analytics/refunds',
    {
      schema: {
        tags: ['analytics'],
        description: 'Refunds made per period of [from, to) and per reason, in one currency.',
        querystring: Type.Object({ ...RangeQuery, interval: Interval }, { additionalProperties: false }),
        response: { 200: RefundsReport },
      },
    },
    async (request) => getRefundsReport(deps, request.query),
  );
}
