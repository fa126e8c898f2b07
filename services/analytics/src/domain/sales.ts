/**
 * Orders that count as sales. An order awaiting payment, whose payment
 * failed, or that was cancelled brought in nothing. The statuses are the
 * order service's (issue 3); refunds are subtracted by the refunds report.
 */
export const nonRevenueStatuses = ['pending_payment', 'payment_failed', 'cancelled'];

export interface SalesPeriod {
  /** First day of the period, `YYYY-MM-DD` (UTC). */
  period: string;
  orders: number;
  revenueMinor: number;
  averageOrderValueMinor: number;
  units: number;
}

export type SalesTotals = Omit<SalesPeriod, 'period'>;

/** Rounded to the nearest minor unit; zero when there were no orders. */
export const averageOrderValue = (revenueMinor: number, orders: number): number =>
  orders === 0 ? 0 : Math.round(revenueMinor / orders);

export function withAverage(point: Omit<SalesPeriod, 'averageOrderValueMinor'>): SalesPeriod {
  return { ...point, averageOrderValueMinor: averageOrderValue(point.revenueMinor, point.orders) };
}

export function totalsOf(series: SalesPeriod[]): SalesTotals {
  const orders = series.reduce((sum, p) => sum + p.orders, 0);
  const revenueMinor = series.reduce((sum, p) => sum + p.revenueMinor, 0);
  return {
    orders,
    revenueMinor,
    averageOrderValueMinor: averageOrderValue(revenueMinor, orders),
    units: series.reduce((sum, p) => sum + p.units, 0),
  };
}
