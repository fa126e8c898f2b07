import { analyticsErrors } from './errors.js';

export const intervals = ['day', 'week', 'month'] as const;
export type Interval = (typeof intervals)[number];

/** Half-open: from <= t < to. */
export interface ReportRange {
  from: Date;
  to: Date;
}

const dayMs = 86_400_000;
export const defaultRangeDays = 30;

/**
 * Reads `from`/`to` as the request gave them: a date (`2025-01-01`, UTC
 * midnight) or a date-time with its offset. Either may be left out: `to`
 * defaults to now and `from` to 30 days before `to`. Reports bucket in UTC.
 */
export function resolveRange(
  input: { from?: string | undefined; to?: string | undefined },
  now: Date,
): ReportRange {
  const to = input.to === undefined ? now : new Date(input.to);
  const from =
    input.from === undefined ? new Date(to.getTime() - defaultRangeDays * dayMs) : new Date(input.from);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw analyticsErrors.RANGE_INVALID('from and to must be dates or date-times');
  }
  if (from >= to) {
    throw analyticsErrors.RANGE_INVALID(
      `from (${from.toISOString()}) must be before to (${to.toISOString()})`,
    );
  }
  return { from, to };
}

/** The start of the UTC period holding `at`; weeks start on Monday, as PostgreSQL's date_trunc has them. */
export function periodStart(at: Date, interval: Interval): Date {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  if (interval === 'month') return new Date(Date.UTC(year, month, 1));
  const day = new Date(Date.UTC(year, month, at.getUTCDate()));
  if (interval === 'day') return day;
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * dayMs);
}

/** How many periods the series of this range has: the one holding `from` through the one holding the last instant before `to`. */
export function periodCount(range: ReportRange, interval: Interval): number {
  const first = periodStart(range.from, interval);
  const last = periodStart(new Date(range.to.getTime() - 1), interval);
  switch (interval) {
    case 'day':
      return Math.round((last.getTime() - first.getTime()) / dayMs) + 1;
    case 'week':
      return Math.round((last.getTime() - first.getTime()) / (7 * dayMs)) + 1;
    case 'month':
      return (
        (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + (last.getUTCMonth() - first.getUTCMonth()) + 1
      );
    default: {
      const unknown: never = interval;
      throw new Error(`unknown interval ${String(unknown)}`);
    }
  }
}

export function checkPeriods(range: ReportRange, interval: Interval, maxPeriods: number): number {
  const count = periodCount(range, interval);
  if (count > maxPeriods) {
    throw analyticsErrors.RANGE_TOO_LARGE(
      `${count} ${interval} periods requested, at most ${maxPeriods}; use a shorter range or a longer interval`,
      { periods: count, maxPeriods },
    );
  }
  return count;
}
