import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyBasisPoints,
  flatRateTax,
  flatShipping,
  type PricingRules,
  priceWithRules,
  thresholdDiscount,
} from './pricing-rules.js';

const address = { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'DE' };
const line = (sku: string, unitPriceMinor: number, quantity: number) => ({
  sku,
  productId: `p-${sku}`,
  title: sku,
  unitPriceMinor,
  quantity,
});
const rules = (overrides: Partial<PricingRules> = {}): PricingRules => ({
  discount: thresholdDiscount({ thresholdMinor: 0, basisPoints: 0 }),
  shipping: flatShipping({ flatMinor: 495, freeFromMinor: 5_000 }),
  tax: flatRateTax({ basisPoints: 0 }),
  ...overrides,
});
const price = (r: PricingRules, lines: ReturnType<typeof line>[]) =>
  priceWithRules(r, { currency: 'EUR', customerId: null, shippingAddress: address, lines }).totals;

describe('pricing rules', () => {
  it('rounds basis points half up, in integers', () => {
    expect(applyBasisPoints(1_000, 1_900)).toBe(190);
    expect(applyBasisPoints(5, 1_000)).toBe(1); // 0.5 rounds up
    expect(applyBasisPoints(4, 1_000)).toBe(0);
    expect(applyBasisPoints(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('charges flat shipping below the threshold, none from it (after discount)', () => {
    expect(price(rules(), [line('A', 4_999, 1)])).toMatchObject({ shippingMinor: 495, totalMinor: 5_494 });
    expect(price(rules(), [line('A', 2_500, 2)])).toMatchObject({ shippingMinor: 0, totalMinor: 5_000 });
    const discounted = rules({ discount: thresholdDiscount({ thresholdMinor: 5_000, basisPoints: 1_000 }) });
    expect(price(discounted, [line('A', 5_000, 1)])).toMatchObject({
      discountMinor: 500,
      shippingMinor: 495,
      totalMinor: 4_995,
    });
  });

  it('taxes merchandise after discount plus shipping', () => {
    const taxed = rules({
      tax: flatRateTax({ basisPoints: 1_900 }),
      discount: thresholdDiscount({ thresholdMinor: 0, basisPoints: 1_000 }),
    });
    // 1000 - 100 discount + 495 shipping = 1395; 19% = 265.05 → 265
    expect(price(taxed, [line('A', 1_000, 1)])).toEqual({
      subtotalMinor: 1_000,
      discountMinor: 100,
      shippingMinor: 495,
      taxMinor: 265,
      totalMinor: 1_660,
    });
  });

  it('lets a rule be replaced: a custom discount is capped at the subtotal', () => {
    const greedy = rules({ discount: { discountFor: () => 1_000_000 } });
    expect(price(greedy, [line('A', 300, 1)])).toMatchObject({ discountMinor: 300, totalMinor: 495 });
  });

  it('always balances in non-negative integers', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ price: fc.integer({ min: 0, max: 1_000_000 }), qty: fc.integer({ min: 1, max: 99 }) }),
          {
            minLength: 1,
            maxLength: 10,
          },
        ),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (lines, taxBp, discountBp) => {
          const t = price(
            rules({
              tax: flatRateTax({ basisPoints: taxBp }),
              discount: thresholdDiscount({ thresholdMinor: 0, basisPoints: discountBp }),
            }),
            lines.map((l, i) => line(`S${i}`, l.price, l.qty)),
          );
          expect(t.totalMinor).toBe(t.subtotalMinor - t.discountMinor + t.shippingMinor + t.taxMinor);
          expect(Object.values(t).every((v) => Number.isSafeInteger(v) && v >= 0)).toBe(true);
        },
      ),
    );
  });
});
