import { csvLines } from '../domain/csv.js';
import { type Interval, resolveRange } from '../domain/report-range.js';
import type { AnalyticsDeps } from './deps.js';
import { orderCsvLines } from './export-orders.js';
import { getCategorySales } from './get-category-sales.js';
import { getCustomersReport } from './get-customers-report.js';
import { getFunnel } from './get-funnel.js';
import { getRefundsReport } from './get-refunds-report.js';
import { getSalesReport } from './get-sales-report.js';
import { getSearchReport } from './get-search-report.js';
import { getTopProducts } from './get-top-products.js';

export const exportableReports = [
  'sales',
  'top-products',
  'categories',
  'refunds',
  'customers',
  'cohorts',
  'funnel',
  'searches',
  'orders',
] as const;
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
  lines: Iterable<string> | AsyncIterable<string>;
}

const day = (iso: string) => iso.slice(0, 10);

/**
 * A report as CSV lines for BI tools. Aggregate reports are read first, so a
 * bad range is still a 400 problem; `orders` (one row per order) is read in
 * pages as the response streams. Column names are snake_case, amounts in
 * minor units with their currency on the row.
 */
export async function exportReport(deps: AnalyticsDeps, input: ExportInput): Promise<CsvExport> {
  const name = (report: { from: string; to: string }, ...parts: string[]) =>
    `${[input.report, ...parts, day(report.from), day(report.to)].join('-')}.csv`;
  switch (input.report) {
    case 'sales': {
      const r = await getSalesReport(deps, input);
      return {
        filename: name(r, r.interval, r.currency),
        lines: csvLines(
          [
            'period',
            'currency',
            'orders',
            'revenue_minor',
            'refunds_minor',
            'net_revenue_minor',
            'average_order_value_minor',
            'units',
          ],
          r.series.map((p) => [
            p.period,
            r.currency,
            p.orders,
            p.revenueMinor,
            p.refundsMinor,
            p.netRevenueMinor,
            p.averageOrderValueMinor,
            p.units,
          ]),
        ),
      };
    }
    case 'top-products': {
      const r = await getTopProducts(deps, input);
      return {
        filename: name(r, r.currency),
        lines: csvLines(
          ['product_id', 'title', 'category_slug', 'currency', 'units', 'revenue_minor', 'orders'],
          r.items.map((p) => [
            p.productId,
            p.title,
            p.categorySlug,
            r.currency,
            p.units,
            p.revenueMinor,
            p.orders,
          ]),
        ),
      };
    }
    case 'categories': {
      const r = await getCategorySales(deps, input);
      return {
        filename: name(r, r.currency),
        lines: csvLines(
          ['category', 'currency', 'products', 'units', 'revenue_minor', 'orders'],
          r.items.map((c) => [c.category, r.currency, c.products, c.units, c.revenueMinor, c.orders]),
        ),
      };
    }
    case 'refunds': {
      const r = await getRefundsReport(deps, input);
      return {
        filename: name(r, r.interval, r.currency),
        lines: csvLines(
          ['period', 'currency', 'refunds', 'refunded_minor'],
          r.series.map((p) => [p.period, r.currency, p.refunds, p.refundedMinor]),
        ),
      };
    }
    case 'customers': {
      const r = await getCustomersReport(deps, input);
      return {
        filename: name(r, r.interval),
        lines: csvLines(
          ['period', 'customers', 'new_customers', 'returning_customers'],
          r.series.map((p) => [p.period, p.customers, p.newCustomers, p.returningCustomers]),
        ),
      };
    }
    case 'cohorts': {
      const r = await getCustomersReport(deps, { ...input, interval: 'month' });
      return {
        filename: name(r),
        lines: csvLines(
          ['cohort', 'cohort_customers', 'month_offset', 'customers', 'retention_rate'],
          r.cohorts.flatMap((c) =>
            c.months.map((m) => [c.cohort, c.customers, m.offset, m.customers, m.rate]),
          ),
        ),
      };
    }
    case 'funnel': {
      const r = await getFunnel(deps, input);
      return {
        filename: name(r),
        lines: csvLines(
          ['step', 'visitors', 'conversion_from_previous', 'conversion_from_start'],
          r.steps.map((s) => [s.step, s.visitors, s.conversionFromPrevious, s.conversionFromStart]),
        ),
      };
    }
    case 'searches': {
      const r = await getSearchReport(deps, input);
      return {
        filename: name(r),
        lines: csvLines(
          [
            'term',
            'searches',
            'zero_result_searches',
            'clicked_searches',
            'zero_result_rate',
            'click_through_rate',
          ],
          r.terms.map((t) => [
            t.term,
            t.searches,
            t.zeroResultSearches,
            t.clickedSearches,
            t.zeroResultRate,
            t.clickThroughRate,
          ]),
        ),
      };
    }
    case 'orders': {
      const range = resolveRange(input, new Date());
      const report = { from: range.from.toISOString(), to: range.to.toISOString() };
      return {
        filename: name(report, ...(input.currency ? [input.currency] : [])),
        lines: orderCsvLines(deps, { ...range, currency: input.currency }),
      };
    }
    default: {
      const unknown: never = input.report;
      throw new Error(`unknown report ${String(unknown)}`);
    }
  }
}
