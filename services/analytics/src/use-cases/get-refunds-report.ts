import { type RefundPeriod, refundsReport } from '../db/refunds.query.js';
import { checkPeriods, type Interval, resolveRange } from '../domain/report-range.js';
import type { AnalyticsDeps } from './deps.js';

export interface RefundsReport {
  from: string;
  to: string;
  interval: Interval;
  currency: string;
  series: RefundPeriod[];
  totals: { refunds: number; refundedMinor: number };
  byReason: Array<{ reason: string; refunds: number; refundedMinor: number }>;
}

export async function getRefundsReport(
  deps: AnalyticsDeps,
  input: {
    from?: string | undefined;
    to?: string | undefined;
    interval: Interval;
    currency?: string | undefined;
  },
): Promise<RefundsReport> {
  const range = resolveRange(input, new Date());
  checkPeriods(range, input.interval, deps.maxReportPeriods);
  const currency = input.currency ?? deps.defaultCurrency;
  const { series, byReason } = await refundsReport(deps.db, { ...range, interval: input.interval, currency });
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    interval: input.interval,
    currency,
    series,
    totals: {
      refunds: series.reduce((sum, p) => sum + p.refunds, 0),
      refundedMinor: series.reduce((sum, p) => sum + p.refundedMinor, 0),
    },
    byReason,
  };
}
