import { BrokenCircuitError, noop, TimeoutStrategy, timeout } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { createInstanceBreakers } from './instance-breakers.js';

class Down extends Error {}
const isFailure = (error: Error) => error instanceof Down;
const settings = { breakerThreshold: 2, breakerHalfOpenAfterMs: 60_000 };

/** Round-robin over `urls`, skipping the ones reported, like the discovery rotation. */
function rotation(urls: string[]) {
  const skipped = new Set<string>();
  let next = 0;
  return {
    skipped,
    resolve: async () => {
      const healthy = urls.filter((url) => !skipped.has(url));
      const pool = healthy.length > 0 ? healthy : urls;
      return pool[next++ % pool.length]!;
    },
    skip: (url: string) => skipped.add(url),
  };
}

describe('circuit breakers per instance', () => {
  it('opens the dead instance only, and its calls move to the live one', async () => {
    const breakers = createInstanceBreakers(isFailure, settings);
    const picker = rotation(['http://a', 'http://b']);
    const answered: string[] = [];
    const call = async (url: string) => {
      if (url === 'http://a') throw new Down();
      answered.push(url);
      return url;
    };
    const outcomes = [];
    for (let i = 0; i < 10; i++) outcomes.push(await breakers.execute(picker, noop, call).catch((e) => e));
    // a fails twice (its threshold), then is never called again; everything else reaches b
    expect(outcomes.filter((outcome) => outcome instanceof Down)).toHaveLength(2);
    expect(outcomes.filter((outcome) => outcome === 'http://b')).toHaveLength(8);
    expect(picker.skipped.has('http://a')).toBe(true);
    expect(breakers.allOpen()).toBe(false);
  });

  it('refuses with BrokenCircuitError, without calling, once every instance is open', async () => {
    const breakers = createInstanceBreakers(isFailure, settings);
    const picker = rotation(['http://a', 'http://b']);
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Down();
    };
    for (let i = 0; i < 4; i++) await breakers.execute(picker, noop, failing).catch(() => {});
    expect(calls).toBe(4);
    await expect(breakers.execute(picker, noop, failing)).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(calls).toBe(4);
    expect(breakers.allOpen()).toBe(true);
  });

  it('passes a non-failure (a 4xx answer, a bug) straight to the caller without moving on', async () => {
    const breakers = createInstanceBreakers(isFailure, settings);
    const picker = rotation(['http://a', 'http://b']);
    const seen: string[] = [];
    const error = await breakers
      .execute(picker, noop, async (url) => {
        seen.push(url);
        throw new TypeError('bug');
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(seen).toEqual(['http://a']);
  });

  it('runs many calls at once under a timeout without a "possible memory leak" warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const breakers = createInstanceBreakers(isFailure, settings);
      const perAttempt = timeout(5_000, TimeoutStrategy.Aggressive);
      const picker = rotation(['http://a']);
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      // Fifty calls in flight together, as under load, each holding a listener until it ends.
      const calls = Array.from({ length: 50 }, () =>
        breakers.execute(picker, perAttempt, async () => {
          await held;
          return 'ok';
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
      release();
      expect(await Promise.all(calls)).toHaveLength(50);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
