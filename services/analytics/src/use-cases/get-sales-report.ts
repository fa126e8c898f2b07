import { salesSeries } from '../db/sales.repo.js';
import { checkPeriods, type Interval, resolveRange } from '../domain/report-range.js';
import { type SalesPeriod, type SalesTotals, totalsOf, withDerived } from '../domain/sales.js';
import type { AnalyticsDeps } from './deps.js';

export interface SalesReportInput {
  from?: string | undefined;
  to?: string | undefined;
  interval: Interval;
  currency?: string | undefined;
}

export interface SalesReport {
  from: string;
  to: string;
  interval: Interval;
  currency: string;
  series: SalesPeriod[];
  totals: SalesTotals;
}

export async function getSalesReport(deps: AnalyticsDeps, input: SalesReportInput): Promise<SalesReport> {
  const range = resolveRange(input, new Date());
  checkPeriods(range, input.interval, deps.maxReportPeriods);
  const currency = input.currency ?? deps.defaultCurrency;
  const series = (await salesSeries(deps.db, { ...range, interval: input.interval, currency })).map(
    withDerived,
  );
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    interval: input.interval,
    currency,
    series,
    totals: totalsOf(series),
  };
}
