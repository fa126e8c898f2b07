import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromPayPalValue, toPayPalValue } from './paypal-money.js';

describe('PayPal amounts', () => {
  it('writes minor units as PayPal decimal strings, per currency', () => {
    expect(toPayPalValue(1234, 'EUR')).toBe('12.34');
    expect(toPayPalValue(5, 'USD')).toBe('0.05');
    expect(toPayPalValue(0, 'USD')).toBe('0.00');
    expect(toPayPalValue(1500, 'JPY')).toBe('1500');
    expect(toPayPalValue(1500, 'HUF')).toBe('1500');
  });

  it('reads them back exactly and refuses what is not an amount', () => {
    expect(fromPayPalValue('100.00', 'USD')).toBe(10_000);
    expect(fromPayPalValue('2.5', 'USD')).toBe(250);
    expect(fromPayPalValue('7', 'USD')).toBe(700);
    expect(fromPayPalValue('1500', 'JPY')).toBe(1500);
    expect(() => fromPayPalValue('1.005', 'USD')).toThrow(RangeError);
    expect(() => fromPayPalValue('-1.00', 'USD')).toThrow(RangeError);
    expect(() => fromPayPalValue('1.5', 'JPY')).toThrow(RangeError);
    expect(() => fromPayPalValue('1e3', 'USD')).toThrow(RangeError);
  });

  it('round-trips every amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.constantFrom('USD', 'EUR', 'JPY', 'GBP'),
        (n, c) => {
          expect(fromPayPalValue(toPayPalValue(n, c), c)).toBe(n);
        },
      ),
    );
  });
});
