import { ConfigError } from '../config/load-config.js';
import type { Logger } from '../log/logger.js';
import { createDnsLocator } from './dns-locator.js';
import { type Registration, startRegistration } from './registration.js';
import { createRegistryLocator } from './registry-locator.js';
import type { ServiceLocator } from './service-locator.js';
import { createStaticLocator, parseServiceUrls } from './static-locator.js';

/** The discovery members of `commonSettings` (config/common.ts). */
export interface DiscoverySettings {
  discovery?: 'static' | 'registry' | 'dns';
  serviceUrls?: string;
  registryUrl?: string;
  dnsTemplate?: string;
}

export interface Discovery {
  locator: ServiceLocator;
  /** Once listening: registers this instance when discovery is `registry`; nothing otherwise. */
  announce: (url: string) => void;
  /** Deregisters (before draining, so traffic stops arriving first). */
  close: () => Promise<void>;
}

/**
 * Picks the locator from the settings: `static` (embedded, Compose with a
 * fixed list), `registry` (this instance also registers itself), or `dns`
 * (Kubernetes headless services). Services never know which one they got.
 */
export function createDiscovery(
  settings: DiscoverySettings,
  context: { service: string; version: string; logger: Logger },
): Discovery {
  const logger = context.logger;
  switch (settings.discovery ?? 'static') {
    case 'static':
      return {
        locator: createStaticLocator(parseServiceUrls(settings.serviceUrls)),
        announce: () => {},
        close: async () => {},
      };
    case 'dns':
      return {
        locator: createDnsLocator({ template: settings.dnsTemplate ?? '{service}', logger }),
        announce: () => {},
        close: async () => {},
      };
    case 'registry': {
      const registryUrl = settings.registryUrl;
      if (!registryUrl) {
        throw new ConfigError(context.service, ['REGISTRY_URL: required when DISCOVERY is registry']);
      }
      let registration: Registration | undefined;
      const fromRegistry = createRegistryLocator({ registryUrl, logger });
      return {
        // The registry itself is found at its configured address, as a Eureka client finds its server.
        locator: {
          resolve: (service) =>
            service === 'registry'
              ? Promise.resolve(registryUrl.replace(/\/+$/, ''))
              : fromRegistry.resolve(service),
          reportFailure: (service, baseUrl) => fromRegistry.reportFailure?.(service, baseUrl),
        },
        announce: (url) => {
          registration ??= startRegistration({
            registryUrl,
            service: context.service,
            url,
            metadata: { version: context.version },
            logger,
          });
        },
        close: async () => {
          await registration?.close();
        },
      };
    }
  }
}
