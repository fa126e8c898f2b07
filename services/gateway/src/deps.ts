import type { ServiceLocator } from '@emporium/platform/discovery/service-locator';
import type { Logger } from '@emporium/platform/log/logger';
import type { GatewaySettings } from './config.js';
import type { Upstreams } from './upstream/upstreams.js';

/** Everything the gateway's routes need, built once in `service.ts`. */
export interface GatewayDeps {
  config: GatewaySettings;
  logger: Logger;
  locator: ServiceLocator;
  upstreams: Upstreams;
}
