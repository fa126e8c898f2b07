import { describe, expect, it } from 'vitest';
import { createConcurrencyLimit } from './concurrency-limit.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('concurrency limit', () => {
  it('runs at most `max` at once, in arrival order, and refuses beyond the queue', async () => {
    const limit = createConcurrencyLimit(2, 3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const job = (n: number) =>
      limit.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await tick();
        order.push(n);
        running -= 1;
        return n;
      });
    const jobs = [1, 2, 3, 4, 5].map(job);
    await expect(job(6)).rejects.toMatchObject({ code: 'CHECKOUT_UNAVAILABLE', status: 503 });
    expect(await Promise.all(jobs)).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect([limit.active, limit.queued]).toEqual([0, 0]);
  });

  it('frees its slot when the work fails', async () => {
    const limit = createConcurrencyLimit(1, 1);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit.run(async () => 'next')).toBe('next');
  });
});
