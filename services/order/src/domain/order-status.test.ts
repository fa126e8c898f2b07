import { AppError } from '@emporium/platform/http/errors';
import { describe, expect, it } from 'vitest';
import {
  assertTransition,
  canTransition,
  nextStatusesOf,
  type OrderStatus,
  orderStatuses,
} from './order-status.js';

const allowed: Array<[OrderStatus, OrderStatus]> = [
  ['pending_payment', 'paid'],
  ['pending_payment', 'cancelled'],
  ['paid', 'fulfilled'],
  ['paid', 'cancelled'],
  ['paid', 'refunded'],
  ['paid', 'partially_refunded'],
  ['fulfilled', 'completed'],
  ['fulfilled', 'refunded'],
  ['fulfilled', 'partially_refunded'],
  ['partially_refunded', 'refunded'],
  ['partially_refunded', 'partially_refunded'],
  ['completed', 'refunded'],
  ['completed', 'partially_refunded'],
];

describe('order status machine', () => {
  it('allows exactly the listed transitions and refuses every other pair', () => {
    const key = ([from, to]: [string, string]) => `${from}->${to}`;
    const expected = new Set(allowed.map(key));
    for (const from of orderStatuses) {
      for (const to of orderStatuses) {
        expect(canTransition(from, to), key([from, to])).toBe(expected.has(key([from, to])));
      }
    }
  });

  it('keeps cancelled and refunded final', () => {
    expect(nextStatusesOf('cancelled')).toEqual([]);
    expect(nextStatusesOf('refunded')).toEqual([]);
  });

  it('refuses with INVALID_TRANSITION (409) naming the allowed next statuses', () => {
    expect(() => assertTransition('pending_payment', 'paid')).not.toThrow();
    let refused: unknown;
    try {
      assertTransition('pending_payment', 'fulfilled');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      code: 'INVALID_TRANSITION',
      status: 409,
      extensions: { from: 'pending_payment', to: 'fulfilled', allowed: ['paid', 'cancelled'] },
    });
  });
});
