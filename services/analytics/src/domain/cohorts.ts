export interface CohortRetention {
  /** `YYYY-MM` of the customers' first paid order. */
  cohort: string;
  customers: number;
  /** One entry per month from the cohort month (offset 0, always rate 1) to the range's last month. */
  months: Array<{ offset: number; customers: number; rate: number }>;
}

const monthIndex = (yyyyMm: string) => {
  const [year, month] = yyyyMm.split('-').map(Number);
  return year! * 12 + (month! - 1);
};

/** Share of a cohort, to four decimals. */
export const rateOf = (part: number, whole: number): number =>
  whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;

/**
 * Retention tables from (cohort, month offset, customers) counts: months
 * without orders are zeros, up to `lastMonth` (`YYYY-MM`, the range's last).
 */
export function retentionOf(
  activity: Array<{ cohort: string; offset: number; customers: number }>,
  lastMonth: string,
): CohortRetention[] {
  const cohorts = new Map<string, Map<number, number>>();
  for (const row of activity) {
    const offsets = cohorts.get(row.cohort) ?? new Map<number, number>();
    offsets.set(row.offset, row.customers);
    cohorts.set(row.cohort, offsets);
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cohort, offsets]) => {
      const size = offsets.get(0) ?? 0;
      const span = Math.max(0, monthIndex(lastMonth) - monthIndex(cohort));
      return {
        cohort,
        customers: size,
        months: Array.from({ length: span + 1 }, (_, offset) => {
          const customers = offsets.get(offset) ?? 0;
          return { offset, customers, rate: rateOf(customers, size) };
        }),
      };
    });
}
