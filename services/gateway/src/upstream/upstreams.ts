import type { ServiceLocator } from '@emporium/platform/discovery/service-locator';
import type { UpstreamPolicySettings } from '@emporium/platform/resilience/upstream-policy';
import { Agent } from 'undici';
import type { GatewaySettings } from '../config.js';
import { createProxyPolicy, type ProxyPolicy } from './proxy-policy.js';
import { upstreamSettingsOf } from './upstream-settings.js';

/** One service behind the gateway: its keep-alive connections and its resilience policy. */
export interface Upstream {
  service: string;
  settings: UpstreamPolicySettings;
  policy: ProxyPolicy;
  /** Keeps a pool of sockets per instance (origin) of this service. */
  agent: Agent;
}

export interface Upstreams {
  get(service: string): Upstream;
  close(): Promise<void>;
}

/**
 * One agent and one policy per upstream service, so a slow or failing service
 * trips its own breaker and fills its own bulkhead, never another's.
 */
export function createUpstreams(config: GatewaySettings, services: readonly string[]): Upstreams {
  const byName = new Map<string, Upstream>();
  for (const service of services) {
    const settings = upstreamSettingsOf(config, service);
    byName.set(service, {
      service,
      settings,
      policy: createProxyPolicy(settings),
      agent: new Agent({
        connections: config.upstreamConnections,
        keepAliveTimeout: 30_000,
        // The policy's timeout answers the client; these free the connection (and a stalled body).
        // A proxied call to a route with a longer timeout sets its own headers timeout.
        headersTimeout: settings.timeoutMs,
        bodyTimeout: Math.max(settings.timeoutMs, 30_000),
      }),
    });
  }
  return {
    get(service) {
      const upstream = byName.get(service);
      if (!upstream) throw new Error(`"${service}" is not an upstream of the gateway`);
      return upstream;
    },
    async close() {
      await Promise.all([...byName.values()].map((upstream) => upstream.agent.close()));
    },
  };
}

export interface Target {
  origin: string;
  /** Path prefix of the instance URL, usually empty. */
  basePath: string;
}

const targets = new Map<string, Target>();

/** Splits a base URL from discovery into origin and path prefix, once per URL. */
export function targetOf(baseUrl: string): Target {
  let target = targets.get(baseUrl);
  if (!target) {
    const url = new URL(baseUrl);
    target = { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
    targets.set(baseUrl, target);
  }
  return target;
}

/** Resolves one instance of `service`; undefined when discovery knows none. */
export async function instanceOf(locator: ServiceLocator, service: string): Promise<string | undefined> {
  try {
    return await locator.resolve(service);
  } catch {
    return undefined;
  }
}
