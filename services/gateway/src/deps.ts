import type { Verifiers } from '@emporium/platform/auth/auth-hooks';
import type { LiveConfig } from '@emporium/platform/config/live-config';
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
  /** The same credential verifiers every service uses (JWT via the JWKS; API keys when available). */
  auth: Verifiers;
  /** Present when the config service pushes live settings (`runtime.rateLimits`). */
  liveConfig?: LiveConfig | undefined;
}
