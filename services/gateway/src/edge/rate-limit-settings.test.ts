import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { GatewayConfig } from '../config.js';
import { bootRateLimits, defaultRateLimits, liveRateLimits } from './rate-limit-settings.js';

describe('rate limit settings', () => {
  it('boot: the defaults, then the classes RATE_LIMITS names', () => {
    expect(bootRateLimits(undefined)).toEqual(defaultRateLimits);
    expect(bootRateLimits('auth=5/300s,user=10/1s')).toEqual({
      ...defaultRateLimits,
      auth: { limit: 5, windowSeconds: 300 },
      user: { limit: 10, windowSeconds: 1 },
    });
  });

  it('boot: a malformed RATE_LIMITS stops the gateway at config validation', () => {
    const valid = Value.Default(GatewayConfig, { port: 8080 }) as Record<string, unknown>;
    expect(Value.Check(GatewayConfig, { ...valid, rateLimits: 'auth=5/300s' })).toBe(true);
    for (const bad of [
      'auth=5',
      'admin=5/60s',
      'auth=5/60',
      'auth=5/60s;user=1/1s',
      'auth=-1/60s',
      'auth=0/60s',
      'auth=5/0s',
    ]) {
      expect(Value.Check(GatewayConfig, { ...valid, rateLimits: bad }), bad).toBe(false);
    }
  });

  it('live: named classes replace the boot ones; no key brings the boot limits back', () => {
    const boot = bootRateLimits('auth=5/60s');
    expect(liveRateLimits(boot, { auth: { limit: 2, windowSeconds: 10 } }).limits).toEqual({
      ...boot,
      auth: { limit: 2, windowSeconds: 10 },
    });
    expect(liveRateLimits(boot, undefined).limits).toBe(boot);
  });

  it('live: an invalid document is refused whole, with reasons', () => {
    const boot = bootRateLimits(undefined);
    for (const bad of [
      { auth: { limit: 0, windowSeconds: 10 } },
      { auth: { limit: 2 } },
      { admins: { limit: 2, windowSeconds: 10 } },
      { auth: { limit: 2, windowSeconds: 10, burst: 5 } },
      'lots',
    ]) {
      const result = liveRateLimits(boot, bad);
      expect(result.limits, JSON.stringify(bad)).toBeUndefined();
      expect(result.errors?.length).toBeGreaterThan(0);
    }
  });
});
