/**
 * Round-robin over a service's instances, skipping those recently reported as
 * failed. Shared by the registry and DNS locators: both learn a list of base
 * URLs, and both must stop sending traffic to a dead instance at once rather
 * than wait for the list to catch up.
 */
export interface InstanceRotation {
  /** The next base URL among `urls`, or undefined when the list is empty. */
  pick(service: string, urls: readonly string[]): string | undefined;
  /** Skips this instance of this service for the cool-down period. */
  skip(service: string, baseUrl: string): void;
}

export function createInstanceRotation(options: {
  cooldownMs: number;
  now?: () => number;
}): InstanceRotation {
  const now = options.now ?? Date.now;
  const next = new Map<string, number>();
  const skippedUntil = new Map<string, number>();
  const keyOf = (service: string, url: string) => `${service} ${url}`;

  return {
    pick(service, urls) {
      if (urls.length === 0) return undefined;
      const at = now();
      const healthy = urls.filter((url) => (skippedUntil.get(keyOf(service, url)) ?? 0) <= at);
      // Every instance failed recently: trying one beats refusing the call outright.
      const candidates = healthy.length > 0 ? healthy : urls;
      const index = next.get(service) ?? 0;
      next.set(service, (index + 1) % Number.MAX_SAFE_INTEGER);
      return candidates[index % candidates.length];
    },
    skip(service, baseUrl) {
      const at = now();
      skippedUntil.set(keyOf(service, baseUrl.replace(/\/+$/, '')), at + options.cooldownMs);
      for (const [key, until] of skippedUntil) if (until <= at) skippedUntil.delete(key);
    },
  };
}
