import { promises as dns } from 'node:dns';
import type { Logger } from '../log/logger.js';
import { createInstanceRotation } from './instance-rotation.js';
import { type ServiceLocator, UnknownServiceError } from './service-locator.js';

/**
 * Discovery through DNS, for Kubernetes headless services (one A/AAAA record
 * per ready pod, so the cluster's own readiness probes do the health checking):
 *
 *   const locator = createDnsLocator({ template: '{service}.shop.svc.cluster.local', logger });
 *   await locator.resolve('inventory'); // http://10.42.0.17:8086
 *
 * The template may end with `:port`; without one, the service's well-known
 * port is used. Records are cached for `cacheMs`, balanced round-robin, and
 * the last answer is kept when the resolver fails.
 */
export type HostResolver = (host: string) => Promise<string[]>;

export interface DnsLocatorOptions {
  /** `{service}` is replaced by the service name; default `{service}` (resolv.conf search domains apply). */
  template?: string;
  /** Injectable for tests; defaults to A and AAAA lookups through `dns.promises`. */
  resolveHost?: HostResolver;
  cacheMs?: number;
  failureCooldownMs?: number;
  logger?: Logger;
}

/** The ports DESIGN.md fixes for each service, used when the template names none. */
export const wellKnownPorts: Readonly<Record<string, number>> = {
  gateway: 8080,
  registry: 8081,
  config: 8082,
  user: 8083,
  product: 8084,
  search: 8085,
  inventory: 8086,
  order: 8087,
  payment: 8088,
  recommendation: 8089,
  notification: 8090,
  analytics: 8091,
};

/** A and AAAA records together; fails only when neither lookup answers. */
export const resolveAddresses: HostResolver = async (host) => {
  const [v4, v6] = await Promise.allSettled([dns.resolve4(host), dns.resolve6(host)]);
  const addresses = [
    ...(v4.status === 'fulfilled' ? v4.value : []),
    ...(v6.status === 'fulfilled' ? v6.value : []),
  ];
  if (addresses.length === 0 && v4.status === 'rejected') throw v4.reason;
  return addresses;
};

export function createDnsLocator(options: DnsLocatorOptions = {}): ServiceLocator {
  const template = options.template ?? '{service}';
  const resolveHost = options.resolveHost ?? resolveAddresses;
  const cacheMs = options.cacheMs ?? 5_000;
  const rotation = createInstanceRotation({ cooldownMs: options.failureCooldownMs ?? 5_000 });
  const cache = new Map<string, { urls: string[]; fetchedAt: number }>();

  function targetOf(service: string): { host: string; port: number } {
    const name = template.replaceAll('{service}', service);
    const withPort = /^(.*):(\d+)$/.exec(name);
    if (withPort) return { host: withPort[1]!, port: Number(withPort[2]) };
    return { host: name, port: wellKnownPorts[service] ?? 80 };
  }

  async function instancesOf(service: string): Promise<string[]> {
    const cached = cache.get(service);
    if (cached && Date.now() - cached.fetchedAt < cacheMs) return cached.urls;
    const { host, port } = targetOf(service);
    try {
      const addresses = await resolveHost(host);
      const urls = [...new Set(addresses)]
        .sort()
        .map((ip) => (ip.includes(':') ? `http://[${ip}]:${port}` : `http://${ip}:${port}`));
      cache.set(service, { urls, fetchedAt: Date.now() });
      return urls;
    } catch (error) {
      if (!cached) throw error;
      options.logger?.warn(
        { err: error, service, host },
        'dns lookup failed; using the last known addresses',
      );
      cache.set(service, { urls: cached.urls, fetchedAt: Date.now() });
      return cached.urls;
    }
  }

  return {
    async resolve(service) {
      let urls: string[];
      try {
        urls = await instancesOf(service);
      } catch {
        throw new UnknownServiceError(service);
      }
      const url = rotation.pick(service, urls);
      if (!url) throw new UnknownServiceError(service);
      return url;
    },
    reportFailure(service, baseUrl) {
      rotation.skip(service, baseUrl);
    },
  };
}
