import { type CustomerPeriod, cohortActivity, customersSeries } from '../db/customers.query.js';
import { type CohortRetention, retentionOf } from '../domain/cohorts.js';
import { checkPeriods, type Interval, resolveRange } from '../domain/report-range.js';
import type { AnalyticsDeps } from './deps.js';

export interface CustomersReport {
  from: string;
  to: string;
  interval: Interval;
  series: CustomerPeriod[];
  /** Monthly cohorts (first paid order in the range) and the share ordering again each month after. */
  cohorts: CohortRetention[];
}

export async function getCustomersReport(
  deps: AnalyticsDeps,
  input: { from?: string | undefined; to?: string | undefined; interval: Interval },
): Promise<CustomersReport> {
  const range = resolveRange(input, new Date());
  checkPeriods(range, input.interval, deps.maxReportPeriods);
  checkPeriods(range, 'month', deps.maxReportPeriods);
  const lastMonth = new Date(range.to.getTime() - 1).toISOString().slice(0, 7);
  const [series, activity] = await Promise.all([
    customersSeries(deps.db, { ...range, interval: input.interval }),
    cohortActivity(deps.db, range),
  ]);
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    interval: input.interval,
    series,
    cohorts: retentionOf(activity, lastMonth),
  };
}
