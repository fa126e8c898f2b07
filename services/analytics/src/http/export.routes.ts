import { Readable } from 'node:stream';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { AnalyticsDeps } from '../use-cases/deps.js';
import { exportableReports, exportReport } from '../use-cases/export-report.js';
import { Interval, RangeQuery } from './schemas.js';

/** Admin: registered in the admin scope of `app.ts`. */
export function exportRoutes(app: HttpApp, deps: AnalyticsDeps): void {
  app.get(
    '/api/v1/analytics/export',
    {
      schema: {
        tags: ['analytics'],
        description: 'A report as a CSV download (header row, RFC 4180 quoting), for BI tools.',
        querystring: Type.Object(
          {
            report: Type.Enum(exportableReports),
            format: Type.Enum(['csv'], { default: 'csv' }),
            ...RangeQuery,
            interval: Interval,
            /** top-products and searches only. */
            limit: Type.Integer({ minimum: 1, maximum: 1_000, default: 100 }),
          },
          { additionalProperties: false },
        ),
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const csv = await exportReport(deps, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csv.filename}"`)
        .send(Readable.from(csv.lines));
    },
  );
}
