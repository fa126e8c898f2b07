import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import type { Logger } from '@emporium/platform/log/logger';
import type { UserDb } from '../db/database.js';
import type { UserMetrics } from '../metrics.js';
import type { AccessTokenSettings } from '../security/access-tokens.js';
import type { KeyRing } from '../security/key-ring.js';
import type { LoginThrottle } from '../security/login-throttle.js';
import type { OAuthProvider } from '../security/oauth-providers.js';

/** Everything the user use cases need, built once in `service.ts`. */
export interface UserDeps {
  db: UserDb;
  events: EventRuntime;
  logger: Logger;
  metrics: UserMetrics;
  keyRing: KeyRing;
  tokens: AccessTokenSettings & { refreshTtlMs: number };
  loginThrottle: LoginThrottle;
  oauth: {
    providers: ReadonlyMap<string, OAuthProvider>;
    /** `<base>/api/v1/auth/oauth/<provider>/callback` is the redirect URI registered at each provider. */
    redirectBaseUrl: string;
  };
  /** Base of the links sent by email (`<publicWebUrl>/verify-email?token=…`). */
  publicWebUrl: string;
}
