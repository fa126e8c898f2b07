import { describe, expect, it } from 'vitest';
import { nextStep, retryDelayMs, sagaSteps, stepToRefundFrom } from './checkout-saga.js';

describe('checkout saga', () => {
  it('walks its steps forward to the end and back to the start', () => {
    const forward = [];
    for (
      let step: (typeof sagaSteps)[number] | undefined = 'reserve_stock';
      step;
      step = nextStep(step, 'forward')
    ) {
      forward.push(step);
    }
    expect(forward).toEqual([...sagaSteps]);
    expect(nextStep('confirm_payment', 'backward')).toBe('commit_stock');
    expect(nextStep('reserve_stock', 'backward')).toBeUndefined();
  });

  it('restarts undoing at the refund for a payment that arrives late', () => {
    expect(stepToRefundFrom({ step: 'reserve_stock', direction: 'backward', status: 'running' })).toBe(
      'await_payment',
    );
    expect(stepToRefundFrom({ step: 'place_order', direction: 'backward', status: 'compensated' })).toBe(
      'await_payment',
    );
    // Still ahead of the refund: it will get there on its own.
    expect(stepToRefundFrom({ step: 'commit_stock', direction: 'backward', status: 'running' })).toBe(
      'commit_stock',
    );
    expect(stepToRefundFrom({ step: 'await_payment', direction: 'forward', status: 'aborted' })).toBe(
      'await_payment',
    );
  });

  it('backs off exponentially up to a ceiling', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 60_000))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(retryDelayMs(50, 60_000)).toBe(60_000);
    expect(retryDelayMs(0, 60_000)).toBe(500);
  });
});
