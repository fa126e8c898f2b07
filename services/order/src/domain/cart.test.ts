import { AppError } from '@emporium/platform/http/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addToCart,
  type Cart,
  mergeCarts,
  newCart,
  rememberPrices,
  removeLine,
  setLineQuantity,
} from './cart.js';

const limits = { maxLines: 3, maxQuantityPerLine: 10 };
const guest = () => newCart({ id: 'c1', customerId: null, tokenHash: 'h' });
const item = (sku: string, quantity = 1, unitPriceMinor = 100, currency = 'EUR') => ({
  sku,
  quantity,
  unitPriceMinor,
  currency,
});
const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as AppError).code;
  }
  return undefined;
};

describe('cart', () => {
  it('adds units to an existing line and keeps the first line order', () => {
    let cart = addToCart(guest(), item('A', 2), limits);
    cart = addToCart(cart, item('B'), limits);
    cart = addToCart(cart, item('A', 3, 120), limits);
    expect(cart.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor])).toEqual([
      ['A', 5, 120],
      ['B', 1, 100],
    ]);
    expect(cart.currency).toBe('EUR');
  });

  it('refuses a second currency, too many lines and too many units', () => {
    const cart = addToCart(guest(), item('A'), limits);
    expect(codeOf(() => addToCart(cart, item('B', 1, 100, 'USD'), limits))).toBe('CURRENCY_MISMATCH');
    const full = addToCart(addToCart(cart, item('B'), limits), item('C'), limits);
    expect(codeOf(() => addToCart(full, item('D'), limits))).toBe('CART_FULL');
    expect(codeOf(() => addToCart(full, item('A', 10), limits))).toBe('CART_QUANTITY_LIMIT');
    expect(codeOf(() => setLineQuantity(full, 'A', 11, limits))).toBe('CART_QUANTITY_LIMIT');
  });

  it('changes and removes lines by SKU, and forgets the currency once empty', () => {
    const cart = addToCart(guest(), item('A', 2), limits);
    expect(setLineQuantity(cart, 'A', 7, limits).lines[0]!.quantity).toBe(7);
    expect(codeOf(() => setLineQuantity(cart, 'Z', 1, limits))).toBe('CART_ITEM_NOT_FOUND');
    const empty = removeLine(cart, 'A');
    expect(empty.lines).toEqual([]);
    expect(empty.currency).toBeNull();
    expect(codeOf(() => removeLine(empty, 'A'))).toBe('CART_ITEM_NOT_FOUND');
    expect(addToCart(empty, item('B', 1, 100, 'USD'), limits).currency).toBe('USD');
  });

  it('merges a guest cart: sums quantities up to the limit, skips what cannot join', () => {
    const customer: Cart = addToCart(
      addToCart(newCart({ id: 'c2', customerId: 'u', tokenHash: null }), item('A', 8), limits),
      item('B'),
      limits,
    );
    const guestCart = addToCart(
      addToCart(addToCart(guest(), item('A', 5), limits), item('C', 2), limits),
      item('D'),
      limits,
    );
    const { cart, skipped } = mergeCarts(customer, guestCart, limits);
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['A', 10],
      ['B', 1],
      ['C', 2],
    ]);
    expect(skipped).toEqual(['D']);
    expect(cart.id).toBe('c2');
    const dollars = addToCart(guest(), item('X', 1, 100, 'USD'), limits);
    expect(mergeCarts(customer, dollars, limits).skipped).toEqual(['X']);
    expect(
      mergeCarts(newCart({ id: 'c3', customerId: 'u', tokenHash: null }), dollars, limits).cart.currency,
    ).toBe('USD');
  });

  it('remembers shown prices and says whether anything changed', () => {
    const cart = addToCart(addToCart(guest(), item('A', 1, 100), limits), item('B', 1, 200), limits);
    const same = rememberPrices(cart, new Map([['A', 100]]));
    expect(same.changed).toBe(false);
    expect(same.cart).toBe(cart);
    const moved = rememberPrices(cart, new Map([['B', 250]]));
    expect(moved.changed).toBe(true);
    expect(moved.cart.lines.map((l) => l.unitPriceMinor)).toEqual([100, 250]);
  });

  it('never holds more units or lines than its limits, whatever is added', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            sku: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
            quantity: fc.integer({ min: 1, max: 12 }),
          }),
        ),
        (adds) => {
          let cart = guest();
          for (const add of adds) {
            try {
              cart = addToCart(cart, item(add.sku, add.quantity), limits);
            } catch (error) {
              expect(error).toBeInstanceOf(AppError);
            }
          }
          expect(cart.lines.length).toBeLessThanOrEqual(limits.maxLines);
          expect(cart.lines.every((l) => l.quantity >= 1 && l.quantity <= limits.maxQuantityPerLine)).toBe(
            true,
          );
          expect(new Set(cart.lines.map((l) => l.sku)).size).toBe(cart.lines.length);
        },
      ),
    );
  });
});
