import type { Logger } from '../log/logger.js';
import { createInstanceRotation } from './instance-rotation.js';
import { type ServiceLocator, UnknownServiceError } from './service-locator.js';

/**
 * Discovery through the registry service (Eureka's role):
 *
 *   const locator = createRegistryLocator({ registryUrl: 'http://registry:8081', logger });
 *   const baseUrl = await locator.resolve('inventory'); // http://10.0.0.7:8086
 *   locator.reportFailure('inventory', baseUrl);         // skipped for a few seconds
 *
 * The list of up instances is cached for `cacheMs` and refreshed in the
 * background (one request to the registry at a time per service); when the
 * registry cannot be reached the last list is kept: a registry outage must
 * not take the callers down.
 */
export interface RegistryLocatorOptions {
  registryUrl: string;
  logger?: Logger;
  /** How long a fetched instance list is reused. */
  cacheMs?: number;
  /** How long an instance reported as failed is skipped. */
  failureCooldownMs?: number;
  /** Per request to the registry. */
  timeoutMs?: number;
}

interface CachedList {
  urls: string[];
  fetchedAt: number;
  refreshing?: Promise<string[]>;
}

interface InstancesPage {
  items: Array<{ url: string }>;
  nextCursor: string | null;
}

export function createRegistryLocator(options: RegistryLocatorOptions): ServiceLocator {
  const registryUrl = options.registryUrl.replace(/\/+$/, '');
  const cacheMs = options.cacheMs ?? 2_000;
  const timeoutMs = options.timeoutMs ?? 1_000;
  const rotation = createInstanceRotation({ cooldownMs: options.failureCooldownMs ?? 5_000 });
  const cache = new Map<string, CachedList>();

  async function fetchInstances(service: string): Promise<string[]> {
    const urls: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=100&cursor=${cursor}` : '?limit=100';
      const response = await fetch(
        `${registryUrl}/api/v1/registry/services/${encodeURIComponent(service)}/instances${query}`,
        { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } },
      );
      if (!response.ok) throw new Error(`registry answered ${response.status}`);
      const page = (await response.json()) as InstancesPage;
      urls.push(...page.items.map((item) => item.url.replace(/\/+$/, '')));
      cursor = page.nextCursor;
    } while (cursor);
    return urls.sort();
  }

  function refresh(service: string, previous: CachedList | undefined): Promise<string[]> {
    const refreshing = fetchInstances(service)
      .then((urls) => {
        cache.set(service, { urls, fetchedAt: Date.now() });
        return urls;
      })
      .catch((error: unknown) => {
        if (!previous) {
          cache.delete(service);
          throw error;
        }
        options.logger?.warn(
          { err: error, service, registryUrl },
          'registry unreachable; using the last known instances',
        );
        // Ask again after another cache period, not on every call.
        cache.set(service, { urls: previous.urls, fetchedAt: Date.now() });
        return previous.urls;
      });
    cache.set(service, { urls: previous?.urls ?? [], fetchedAt: previous?.fetchedAt ?? 0, refreshing });
    return refreshing;
  }

  async function instancesOf(service: string): Promise<string[]> {
    const entry = cache.get(service);
    if (!entry) return refresh(service, undefined);
    if (entry.fetchedAt === 0) return entry.refreshing!;
    // Stale while revalidating: callers never wait on the registry once a list is known.
    if (!entry.refreshing && Date.now() - entry.fetchedAt >= cacheMs) void refresh(service, entry);
    return entry.urls;
  }

  return {
    async resolve(service) {
      let urls: string[];
      try {
        urls = await instancesOf(service);
      } catch (error) {
        options.logger?.warn({ err: error, service, registryUrl }, 'registry unreachable');
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
