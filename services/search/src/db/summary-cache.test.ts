import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Facets } from '../domain/facets.js';
import { createSummaryCache } from './summary-cache.js';

const facets = {} as Facets;
function counter() {
  let calls = 0;
  const compute = async () => ({ total: ++calls, facets });
  return { compute, calls: () => calls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('summary cache', () => {
  it('keeps a browse by its filters, whatever their order, for ttlMs', async () => {
    vi.useFakeTimers();
    const cache = createSummaryCache({ ttlMs: 2_000, maxEntries: 10 });
    const { compute, calls } = counter();
    const a = { category: 'home', attributes: { size: ['M'], colour: ['Red'] } };
    const b = { attributes: { colour: ['Red'], size: ['M'] }, category: 'home', brand: undefined };
    expect((await cache.get('all', a, compute)).total).toBe(1);
    expect((await cache.get('all', b, compute)).total).toBe(1);
    expect((await cache.get('all', { category: 'garden' }, compute)).total).toBe(2);
    vi.advanceTimersByTime(2_001);
    expect((await cache.get('all', a, compute)).total).toBe(3);
    expect(calls()).toBe(3);
  });

  it('never keeps searches with text, nor anything while a write settles', async () => {
    vi.useFakeTimers();
    const cache = createSummaryCache({ ttlMs: 60_000, maxEntries: 10 });
    const { compute } = counter();
    await cache.get('fulltext', {}, compute);
    expect((await cache.get('fulltext', {}, compute)).total).toBe(2);
    await cache.get('all', {}, compute);
    cache.clear();
    expect((await cache.get('all', {}, compute)).total).toBe(4);
    expect((await cache.get('all', {}, compute)).total).toBe(5);
    vi.advanceTimersByTime(1_001);
    expect((await cache.get('all', {}, compute)).total).toBe(6);
    expect((await cache.get('all', {}, compute)).total).toBe(6);
  });

  it('is off at ttlMs 0 and bounded in size', async () => {
    const off = createSummaryCache({ ttlMs: 0, maxEntries: 10 });
    const { compute } = counter();
    await off.get('all', {}, compute);
    expect((await off.get('all', {}, compute)).total).toBe(2);
    const small = createSummaryCache({ ttlMs: 60_000, maxEntries: 2 });
    const second = counter();
    for (const category of ['a', 'b', 'c']) await small.get('all', { category }, second.compute);
    expect((await small.get('all', { category: 'a' }, second.compute)).total).toBe(4);
  });
});
