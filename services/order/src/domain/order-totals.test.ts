import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LineInput, priceOrder } from './order-totals.js';

const line = (sku: string, unitPriceMinor: number, quantity: number): LineInput => ({
  sku,
  productId: `p-${sku}`,
  title: sku,
  unitPriceMinor,
  quantity,
});

describe('order totals', () => {
  it('sums line totals, applies shipping, tax and discount', () => {
    const priced = priceOrder({
      lines: [line('A', 1999, 2), line('B', 550, 1)],
      shippingMinor: 495,
      taxMinor: 300,
      discountMinor: 1000,
    });
    expect(priced.lines.map((l) => l.lineTotalMinor)).toEqual([3998, 550]);
    expect(priced.totals).toEqual({
      subtotalMinor: 4548,
      shippingMinor: 495,
      taxMinor: 300,
      discountMinor: 1000,
      totalMinor: 4343,
    });
  });

  it('caps the discount at the subtotal: shipping and tax are still paid', () => {
    const { totals } = priceOrder({
      lines: [line('A', 500, 1)],
      shippingMinor: 200,
      taxMinor: 50,
      discountMinor: 10_000,
    });
    expect(totals).toMatchObject({ discountMinor: 500, totalMinor: 250 });
  });

  it('refuses floats, negatives, empty orders and duplicate SKUs', () => {
    const ok = { lines: [line('A', 100, 1)], shippingMinor: 0, taxMinor: 0, discountMinor: 0 };
    expect(() => priceOrder({ ...ok, lines: [line('A', 19.99, 1)] })).toThrow(RangeError);
    expect(() => priceOrder({ ...ok, lines: [line('A', 100, 0)] })).toThrow(RangeError);
    expect(() => priceOrder({ ...ok, shippingMinor: -1 })).toThrow(RangeError);
    expect(() => priceOrder({ ...ok, taxMinor: 0.5 })).toThrow(RangeError);
    expect(() => priceOrder({ ...ok, lines: [] })).toThrow(RangeError);
    expect(() => priceOrder({ ...ok, lines: [line('A', 1, 1), line('A', 2, 1)] })).toThrow(RangeError);
    expect(() => priceOrder({ ...ok, lines: [line('A', Number.MAX_SAFE_INTEGER, 2)] })).toThrow(RangeError);
  });

  it('always balances: total = subtotal - discount + shipping + tax, in integers, never negative', () => {
    const minor = fc.integer({ min: 0, max: 10_000_000 });
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ sku: fc.string({ minLength: 1 }), price: minor, qty: fc.integer({ min: 1, max: 99 }) }),
          {
            minLength: 1,
            maxLength: 20,
            selector: (l) => l.sku,
          },
        ),
        minor,
        minor,
        minor,
        (lines, shippingMinor, taxMinor, discountMinor) => {
          const priced = priceOrder({
            lines: lines.map((l) => line(l.sku, l.price, l.qty)),
            shippingMinor,
            taxMinor,
            discountMinor,
          });
          const t = priced.totals;
          expect(t.subtotalMinor).toBe(priced.lines.reduce((s, l) => s + l.unitPriceMinor * l.quantity, 0));
          expect(t.discountMinor).toBeLessThanOrEqual(t.subtotalMinor);
          expect(t.totalMinor).toBe(t.subtotalMinor - t.discountMinor + t.shippingMinor + t.taxMinor);
          expect(t.totalMinor).toBeGreaterThanOrEqual(0);
          expect(Object.values(t).every(Number.isSafeInteger)).toBe(true);
        },
      ),
    );
  });
});
