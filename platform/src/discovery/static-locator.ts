import { type ServiceLocator, UnknownServiceError } from './service-locator.js';

/**
 * Parses `SERVICE_URLS`: `product=http://10.0.0.5:8084|http://10.0.0.6:8084,inventory=http://...`.
 * Several URLs for one service are balanced round-robin.
 */
export function parseServiceUrls(value: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of (value ?? '').split(',')) {
    const [name, urls] = entry.split('=', 2);
    if (!name?.trim() || !urls) continue;
    map.set(
      name.trim(),
      urls
        .split('|')
        .map((url) => url.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    );
  }
  return map;
}

export function createStaticLocator(instances: Map<string, string[]>): ServiceLocator {
  const next = new Map<string, number>();
  return {
    async resolve(service) {
      const urls = instances.get(service);
      if (!urls || urls.length === 0) throw new UnknownServiceError(service);
      const index = next.get(service) ?? 0;
      next.set(service, (index + 1) % urls.length);
      return urls[index % urls.length]!;
    },
  };
}
