import type { ShippingAddress } from './order.js';
import { type LineInput, type OrderTotals, type PricedLine, priceOrder } from './order-totals.js';

/** What every rule may look at. Amounts are integer minor units of `currency`. */
export interface PricingContext {
  currency: string;
  customerId: string | null;
  shippingAddress: ShippingAddress;
  lines: readonly LineInput[];
  subtotalMinor: number;
}

/** How much the customer saves on merchandise (capped at the subtotal by `priceOrder`). */
export interface DiscountRule {
  discountFor(context: PricingContext): number;
}

/** What shipping costs, once the discount is known. */
export interface ShippingRule {
  shippingFor(context: PricingContext & { discountMinor: number }): number;
}

/** Tax owed on the order, once merchandise, discount and shipping are known. */
export interface TaxRule {
  taxFor(context: PricingContext & { discountMinor: number; shippingMinor: number }): number;
}

export interface PricingRules {
  discount: DiscountRule;
  shipping: ShippingRule;
  tax: TaxRule;
}

/** `amount × basisPoints / 10 000`, rounded half up, in integers (BigInt: no float ever touches money). */
export function applyBasisPoints(amountMinor: number, basisPoints: number): number {
  const scaled = BigInt(amountMinor) * BigInt(basisPoints);
  return Number((scaled + 5_000n) / 10_000n);
}

/** Default discount: a percentage off merchandise once the subtotal reaches a threshold (0 bp: none). */
export function thresholdDiscount(settings: { thresholdMinor: number; basisPoints: number }): DiscountRule {
  return {
    discountFor: ({ subtotalMinor }) =>
      settings.basisPoints > 0 && subtotalMinor >= settings.thresholdMinor
        ? applyBasisPoints(subtotalMinor, settings.basisPoints)
        : 0,
  };
}

/** Default shipping: a flat fee, free once merchandise after discount reaches a threshold (0: never free). */
export function flatShipping(settings: { flatMinor: number; freeFromMinor: number }): ShippingRule {
  return {
    shippingFor: ({ subtotalMinor, discountMinor }) =>
      settings.freeFromMinor > 0 && subtotalMinor - discountMinor >= settings.freeFromMinor
        ? 0
        : settings.flatMinor,
  };
}

/** Default tax: one rate on merchandise after discount plus shipping (0 bp: prices include tax). */
export function flatRateTax(settings: { basisPoints: number }): TaxRule {
  return {
    taxFor: ({ subtotalMinor, discountMinor, shippingMinor }) =>
      applyBasisPoints(subtotalMinor - discountMinor + shippingMinor, settings.basisPoints),
  };
}

/**
 * Prices an order with the shop's rules: discount first (on merchandise),
 * then shipping, then tax; `priceOrder` checks every amount and balances the total.
 */
export function priceWithRules(
  rules: PricingRules,
  input: Omit<PricingContext, 'subtotalMinor'>,
): { lines: PricedLine[]; totals: OrderTotals } {
  const subtotalMinor = input.lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  const context = { ...input, subtotalMinor };
  const discountMinor = Math.min(rules.discount.discountFor(context), subtotalMinor);
  const shippingMinor = rules.shipping.shippingFor({ ...context, discountMinor });
  const taxMinor = rules.tax.taxFor({ ...context, discountMinor, shippingMinor });
  return priceOrder({ lines: [...input.lines], shippingMinor, taxMinor, discountMinor });
}
