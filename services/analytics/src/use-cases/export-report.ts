import { type CsvValue, csvLines } from '../domain/csv.js';
import type { Interval } from '../domain/report-range.js';
import type { AnalyticsDeps } from './deps.js';
import { getSalesReport } from './get-sales-report.js';
import { getTopProducts } from './get-top-products.js';

export const exportableReports = ['sales', 'top-products'] as const;
export type ExportableReport = (typeof exportableReports)[number];

export interface ExportInput {
  report: ExportableReport;
  from?: string | undefined;
  to?: string | undefined;
  interval: Interval;
  currency?: string | undefined;
  limit: number;
}

export interface CsvExport {
  filename: string;
  lines: Iterable<string>;
}

const day = (iso: string) => iso.slice(0, 10);

/**
 * A report as CSV lines for BI tools. The report is read first, so a bad
 * range is still a 400 problem; the lines are then produced as the response
 * streams them. Column names are snake_case, amounts in minor units.
 */
export async function exportReport(deps: AnalyticsDeps, input: ExportInput): Promise<CsvExport> {
  switch (input.report) {
    case 'sales': {
      const report = await getSalesReport(deps, input);
      const rows = report.series.map((p): CsvValue[] => [
        p.period,
        report.currency,
        p.orders,
        p.revenueMinor,
        p.averageOrderValueMinor,
        p.units,
      ]);
      return {
        filename: `sales-${report.interval}-${report.currency}-${day(report.from)}-${day(report.to)}.csv`,
        lines: csvLines(
          ['period', 'currency', 'orders', 'revenue_minor', 'average_order_value_minor', 'units'],
          rows,
        ),
      };
    }
    case 'top-products': {
      const report = await getTopProducts(deps, input);
      const rows = report.items.map((p): CsvValue[] => [
        p.productId,
        p.categorySlug,
        report.currency,
        p.units,
        p.revenueMinor,
        p.orders,
      ]);
      return {
        filename: `top-products-${report.currency}-${day(report.from)}-${day(report.to)}.csv`,
        lines: csvLines(
          ['product_id', 'category_slug', 'currency', 'units', 'revenue_minor', 'orders'],
          rows,
        ),
      };
    }
    default: {
      const unknown: never = input.report;
      throw new Error(`unknown report ${String(unknown)}`);
    }
  }
}
