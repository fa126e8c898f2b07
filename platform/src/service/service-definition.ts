import type { EventDefinition } from '@emporium/contracts/events/define-event';
import type { Static, TObject } from 'typebox';
import type { Verifiers } from '../auth/auth-hooks.js';
import type { Cache } from '../cache/cache.js';
import type { LiveConfig } from '../config/live-config.js';
import type { Database } from '../db/database.js';
import type { ServiceLocator } from '../discovery/service-locator.js';
import type { EventRuntime } from '../events/event-runtime.js';
import type { EventTables } from '../events/event-tables.js';
import type { HttpApp } from '../http/create-http-app.js';
import type { ReadinessCheck } from '../http/operational-routes.js';
import type { Logger } from '../log/logger.js';
import type { ServiceMetrics } from '../metrics/metrics.js';

/** What the platform hands a service at start: infrastructure, already connected. */
export interface ServiceRuntime<Config> {
  config: Readonly<Config>;
  logger: Logger;
  metrics: ServiceMetrics;
  /** Present when the definition declares a database. */
  database: Database | undefined;
  cache: Cache;
  locator: ServiceLocator;
  /** Checks `/health/ready` runs; the runner adds database and cache, the service may add more. */
  readiness: ReadinessCheck[];
  /** Present when the definition declares `events`: enqueue in a transaction, subscribe before returning. */
  events: EventRuntime | undefined;
  /** Credential verifiers for `createHttpApp({ auth })`: JWT via the cached JWKS (API keys: see auth/). */
  auth: Verifiers;
  /** Settings pushed live by the config service (`runtime:` section); `logLevel` is applied already. */
  liveConfig: LiveConfig | undefined;
}

export interface ServiceInstance {
  app: HttpApp;
  /** Embedded first start: load the demo data this service owns (idempotent). */
  seedDemo?: (demo: unknown, progress: (message: string) => void) => Promise<void>;
  /** Release what the service opened itself (workers, timers); the runner closes the rest. */
  close?: () => Promise<void>;
}

/**
 * A service, as the launcher and its own `main.ts` see it: a name, its
 * config schema, the Postgres schema and migrations it owns, and how to build
 * its app from a runtime. Nothing here knows which run mode it is in.
 */
export interface ServiceDefinition<S extends TObject = TObject> {
  name: string;
  version: string;
  description: string;
  configSchema: S;
  database?: { schema: string; migrationsFolder: string };
  /** The outbox/inbox/dead-letter tables in the service's schema, and the events it produces. */
  events?: { tables: EventTables; produces?: readonly EventDefinition[] };
  create: (runtime: ServiceRuntime<Static<S>>) => Promise<ServiceInstance>;
}

export function defineService<S extends TObject>(definition: ServiceDefinition<S>): ServiceDefinition<S> {
  return definition;
}
