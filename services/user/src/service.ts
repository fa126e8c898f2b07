import { fileURLToPath } from 'node:url';
import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { userEvents } from '@emporium/contracts/events/user-events';
import { createJwtVerifier } from '@emporium/platform/auth/jwt-verifier';
import { createCounterStore } from '@emporium/platform/cache/counter-store';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, userServiceDescription } from './app.js';
import { UserConfig } from './config.js';
import * as schema from './db/schema.js';
import { createUserMetrics } from './metrics.js';
import { keyEncryptionFor, requireKeyEncryptionKey } from './security/key-encryption-key.js';
import { createKeyRing } from './security/key-ring.js';
import { createLoginThrottle } from './security/login-throttle.js';
import { oauthProvidersFrom } from './security/oauth-providers.js';
import { provisionServiceKeys } from './security/provision-service-keys.js';
import { seedDemoAccounts } from './seed/seed-demo-accounts.js';
import type { UserDeps } from './use-cases/deps.js';
import { verifyApiKey } from './use-cases/verify-api-key.js';

export const userService = defineService({
  name: 'user',
  version: '0.1.0',
  description: userServiceDescription,
  configSchema: UserConfig,
  database: {
    schema: 'user',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  events: {
    tables: { outbox: schema.outbox, inbox: schema.inbox, deadLetters: schema.deadLetters },
    produces: userEvents,
  },
  async create(runtime) {
    const config = runtime.config;
    requireKeyEncryptionKey(config);
    const db = drizzle(runtime.database!.pool, { schema });
    const provisioned = await provisionServiceKeys(db, config.serviceApiKeys);
    if (provisioned > 0) runtime.logger.info({ provisioned }, 'provisioned service API keys registered');
    const refreshMs = config.signingKeyCacheSeconds * 1000;
    const keyRing = await createKeyRing({
      db,
      encryption: await keyEncryptionFor(db, config),
      // Every token a retired key signed has expired by then, whichever replica signed it last.
      publishAfterRetirementMs: (config.accessTokenTtlSeconds + config.clockSkewSeconds) * 1000 + refreshMs,
      refreshMs,
      logger: runtime.logger,
    });
    const counters = createCounterStore({ redisUrl: config.redisUrl, prefix: 'user' });
    const deps: UserDeps = {
      db,
      events: runtime.events!,
      logger: runtime.logger,
      metrics: createUserMetrics(runtime.metrics),
      keyRing,
      tokens: {
        issuer: config.jwtIssuer,
        audience: config.jwtAudience,
        ttlSeconds: config.accessTokenTtlSeconds,
        refreshTtlMs: config.refreshTokenTtlDays * 86_400_000,
      },
      loginThrottle: createLoginThrottle(counters, {
        maxFailuresPerAccount: config.loginMaxFailuresPerAccount,
        maxFailuresPerIp: config.loginMaxFailuresPerIp,
        windowMs: config.loginThrottleWindowSeconds * 1000,
      }),
      oauth: { providers: oauthProvidersFrom(config), redirectBaseUrl: config.oauthRedirectBaseUrl },
      publicWebUrl: config.publicWebUrl,
    };
    const app = await buildApp({
      ...deps,
      // The issuer verifies its own tokens with the platform verifier, reading its key ring directly.
      // An unknown kid rereads the ring at once: it is a local query, and a key just rotated
      // (here or by another replica) must verify immediately, not after a cooldown.
      auth: {
        jwt: createJwtVerifier({
          issuer: config.jwtIssuer,
          audience: config.jwtAudience,
          locator: runtime.locator,
          fetchJwks: () => keyRing.publicKeys({ fresh: true }),
          unknownKidCooldownMs: 0,
        }),
        apiKey: (key) => verifyApiKey(deps, key),
      },
      serviceMetrics: runtime.metrics,
      readiness: runtime.readiness,
      http: {
        trustForwardedFor: config.trustForwardedFor,
        oauthSuccessRedirectUrl: config.oauthSuccessRedirectUrl,
      },
    });
    return {
      app,
      seedDemo: (demo, progress) => seedDemoAccounts(deps, demo as DemoData, progress),
      close: () => counters.close(),
    };
  },
});
