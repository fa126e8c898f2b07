import { type ProductSales, topProducts } from '../db/sales.repo.js';
import { resolveRange } from '../domain/report-range.js';
import type { AnalyticsDeps } from './deps.js';

export interface TopProductsReport {
  from: string;
  to: string;
  currency: string;
  items: ProductSales[];
}

export async function getTopProducts(
  deps: AnalyticsDeps,
  input: { from?: string | undefined; to?: string | undefined; currency?: string | undefined; limit: number },
): Promise<TopProductsReport> {
  const range = resolveRange(input, new Date());
  const currency = input.currency ?? deps.defaultCurrency;
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    currency,
    items: await topProducts(deps.db, { ...range, currency, limit: input.limit }),
  };
}
