import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { GatewayConfig, type GatewaySettings } from '../config.js';
import { upstreamSettingsOf } from './upstream-settings.js';

const configWith = (overrides?: string): GatewaySettings =>
  Value.Default(GatewayConfig, overrides ? { upstreamOverrides: overrides } : {}) as GatewaySettings;

describe('upstream settings', () => {
  it('applies the defaults, then the overrides of that service only', () => {
    const config = configWith('analytics.timeoutMs=30000,analytics.breakerThreshold=2,search.timeoutMs=500');
    expect(upstreamSettingsOf(config, 'analytics')).toMatchObject({ timeoutMs: 30_000, breakerThreshold: 2 });
    expect(upstreamSettingsOf(config, 'search')).toMatchObject({ timeoutMs: 500, breakerThreshold: 5 });
    expect(upstreamSettingsOf(config, 'user')).toMatchObject({ timeoutMs: 10_000, retries: 0 });
  });

  it('rejects a malformed override at config validation', () => {
    for (const bad of [
      'analytics.timeout=1',
      'analytics.timeoutMs=',
      'timeoutMs=5',
      'a.timeoutMs=1;b.maxQueued=2',
    ]) {
      expect(Value.Check(GatewayConfig, { ...configWith(), port: 8080, upstreamOverrides: bad })).toBe(false);
    }
    expect(Value.Check(GatewayConfig, { ...configWith('a.maxQueued=2'), port: 8080 })).toBe(true);
  });
});
