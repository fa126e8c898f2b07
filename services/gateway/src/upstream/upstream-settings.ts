import type { UpstreamPolicySettings } from '@emporium/platform/resilience/upstream-policy';
import type { GatewaySettings } from '../config.js';

export type UpstreamSettings = UpstreamPolicySettings;

type OverridableKey =
  | 'timeoutMs'
  | 'breakerThreshold'
  | 'breakerHalfOpenAfterMs'
  | 'maxConcurrent'
  | 'maxQueued';

/**
 * The timeout, breaker and bulkhead of one upstream: the gateway's defaults,
 * then that service's entries in `UPSTREAM_OVERRIDES` (format checked by the
 * config schema, so parsing here cannot fail).
 */
export function upstreamSettingsOf(config: GatewaySettings, service: string): UpstreamSettings {
  const settings: UpstreamSettings = {
    timeoutMs: config.upstreamTimeoutMs,
    // Proxied calls never use the policy's retry (see proxy-request.ts); kept at 0 to say so.
    retries: 0,
    breakerThreshold: config.upstreamBreakerThreshold,
    breakerHalfOpenAfterMs: config.upstreamBreakerHalfOpenAfterMs,
    maxConcurrent: config.upstreamMaxConcurrent,
    maxQueued: config.upstreamMaxQueued,
    // The proxy passes no signal to the request (see proxy-request.ts), so there is nothing to abort.
    abortOnReturn: false,
  };
  for (const entry of config.upstreamOverrides?.split(',') ?? []) {
    const [key, value] = entry.split('=') as [string, string];
    const [name, setting] = key.split('.') as [string, OverridableKey];
    if (name === service) settings[setting] = Number(value);
  }
  return settings;
}
