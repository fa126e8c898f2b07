import { describe, expect, it } from 'vitest';
import { cartTokenMatches, hashCartToken, newCartToken } from './cart-token.js';
import { checkoutRequestHash, scopedIdempotencyKey } from './checkout-request.js';

const address = { name: 'Ada', line1: '1 Road', city: 'London', postalCode: 'N1', country: 'GB' };

describe('checkout request fingerprint', () => {
  it('is the same for the same meaning, whatever the key order or email case', () => {
    const a = checkoutRequestHash({ cartId: 'c', email: 'Ada@Example.com', shippingAddress: address });
    const b = checkoutRequestHash({
      shippingAddress: { country: 'GB', postalCode: 'N1', city: 'London', line1: '1 Road', name: 'Ada' },
      email: 'ada@example.com',
      cartId: 'c',
    });
    expect(a).toBe(b);
    expect(
      checkoutRequestHash({
        cartId: 'c',
        email: 'ada@example.com',
        shippingAddress: { ...address, line1: '2 Road' },
      }),
    ).not.toBe(a);
  });

  it('scopes keys to the customer, or to the cart for guests', () => {
    expect(scopedIdempotencyKey({ customerId: 'u1', cartId: 'c1' }, 'k')).toBe('customer:u1:k');
    expect(scopedIdempotencyKey({ customerId: null, cartId: 'c1' }, 'k')).toBe('cart:c1:k');
  });
});

describe('cart tokens', () => {
  it('match only the token they were made from', () => {
    const { token, hash } = newCartToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(hashCartToken(token));
    expect(cartTokenMatches(hash, token)).toBe(true);
    expect(cartTokenMatches(hash, newCartToken().token)).toBe(false);
    expect(cartTokenMatches(hash, undefined)).toBe(false);
    expect(cartTokenMatches(null, token)).toBe(false);
  });
});
