/**
 * A period of sales in one currency: paid orders placed in it (gross), the
 * refunds made in it, and net = gross − refunds. Amounts are minor units.
 */
export interface SalesPeriod {
  /** First day of the period, `YYYY-MM-DD` (UTC). */
  period: string;
  orders: number;
  revenueMinor: number;
  refundsMinor: number;
  netRevenueMinor: number;
  averageOrderValueMinor: number;
  units: number;
}

export type SalesTotals = Omit<SalesPeriod, 'period'>;

/** Rounded to the nearest minor unit; zero when there were no orders. */
export const averageOrderValue = (revenueMinor: number, orders: number): number =>
  orders === 0 ? 0 : Math.round(revenueMinor / orders);

export function withDerived(
  point: Omit<SalesPeriod, 'averageOrderValueMinor' | 'netRevenueMinor'>,
): SalesPeriod {
  return {
    ...point,
    netRevenueMinor: point.revenueMinor - point.refundsMinor,
    averageOrderValueMinor: averageOrderValue(point.revenueMinor, point.orders),
  };
}

export function totalsOf(series: SalesPeriod[]): SalesTotals {
  const sum = (pick: (p: SalesPeriod) => number) => series.reduce((total, p) => total + pick(p), 0);
  const { period: _period, ...totals } = withDerived({
    period: '',
    orders: sum((p) => p.orders),
    revenueMinor: sum((p) => p.revenueMinor),
    refundsMinor: sum((p) => p.refundsMinor),
    units: sum((p) => p.units),
  });
  return totals;
}
