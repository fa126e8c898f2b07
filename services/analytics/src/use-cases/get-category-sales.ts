import { type CategorySales, categorySales } from '../db/sales.repo.js';
import { resolveRange } from '../domain/report-range.js';
import type { AnalyticsDeps } from './deps.js';

export async function getCategorySales(
  deps: AnalyticsDeps,
  input: { from?: string | undefined; to?: string | undefined; currency?: string | undefined },
): Promise<{ from: string; to: string; currency: string; items: CategorySales[] }> {
  const range = resolveRange(input, new Date());
  const currency = input.currency ?? deps.defaultCurrency;
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    currency,
    items: await categorySales(deps.db, { ...range, currency }),
  };
}
