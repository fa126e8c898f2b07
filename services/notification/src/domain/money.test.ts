import { describe, expect, it } from 'vitest';
import { formatMoney as format } from './money.js';

/** Intl puts non-breaking spaces between amount and symbol. */
const formatMoney = (minor: number, currency: string, locale: string) =>
  format(minor, currency, locale).replace(/\s/g, ' ');

describe('formatMoney', () => {
  it('uses the currency’s own decimals and the recipient’s locale', () => {
    expect(formatMoney(4_200, 'USD', 'en')).toBe('$42.00');
    expect(formatMoney(1_999, 'JPY', 'en')).toBe('¥1,999');
    expect(formatMoney(12_345, 'KWD', 'en')).toBe('KWD 12.345');
    expect(formatMoney(123_456_789, 'EUR', 'de')).toBe('1.234.567,89 €');
    expect(formatMoney(5, 'EUR', 'en')).toBe('€0.05');
  });

  it('keeps exact cents on amounts a float would round', () => {
    expect(formatMoney(900_719_925_474_099, 'USD', 'en')).toBe('$9,007,199,254,740.99');
  });
});
