import { describe, expect, it } from 'vitest';
import { customerKeyOf, searchTermOf, visitorKeyOf } from './fact-keys.js';

describe('fact keys', () => {
  it('keys a customer by account, a guest by a hash of the email whatever its case', () => {
    expect(customerKeyOf('u-1', 'a@example.com')).toBe('u-1');
    const guest = customerKeyOf(null, 'Ada@Example.com ');
    expect(guest).toMatch(/^guest:[0-9a-f]{32}$/);
    expect(customerKeyOf(null, 'ada@example.com')).toBe(guest);
    expect(customerKeyOf(null, 'bob@example.com')).not.toBe(guest);
    expect(guest).not.toContain('ada');
  });

  it('keys a visitor by user, then session, then cart', () => {
    expect(visitorKeyOf({ userId: 'u-1', sessionId: 's-1' })).toBe('u-1');
    expect(visitorKeyOf({ userId: null, sessionId: 's-1', cartId: 'c-1' })).toBe('session:s-1');
    expect(visitorKeyOf({ userId: null, sessionId: null, cartId: 'c-1' })).toBe('cart:c-1');
  });

  it('groups search texts by their normalised term', () => {
    expect(searchTermOf('  Red   Shoes ')).toBe('red shoes');
  });
});
