import { Type } from 'typebox';

/**
 * Settings every service shares. A service's schema spreads these and adds its
 * own; the defaults make `node services/<name>/dist/main.js` start locally.
 */
export const commonSettings = {
  host: Type.String({ default: '0.0.0.0' }),
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  logLevel: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  emporiumProfile: Type.Union(
    [Type.Literal('development'), Type.Literal('staging'), Type.Literal('production')],
    {
      default: 'development',
    },
  ),
  /** Where this instance can be reached by others (registered with discovery). */
  publicUrl: Type.Optional(Type.String({ format: 'uri' })),
  otelExporterOtlpEndpoint: Type.Optional(Type.String({ format: 'uri' })),
  /** Apply migrations at boot (embedded and development); production runs `npm run migrate` as a job. */
  migrateOnBoot: Type.Boolean({ default: true }),
  shutdownTimeoutMs: Type.Integer({ minimum: 100, default: 10_000 }),
  /**
   * How this instance finds the others (see discovery/create-locator.ts):
   * `static` reads `serviceUrls`; `registry` asks the registry service at
   * `registryUrl` and registers this instance there; `dns` resolves
   * Kubernetes headless services through `dnsTemplate`.
   */
  discovery: Type.Union([Type.Literal('static'), Type.Literal('registry'), Type.Literal('dns')], {
    default: 'static',
  }),
  /** Static discovery: `product=http://10.0.0.5:8084|http://10.0.0.6:8084,inventory=http://...`. */
  serviceUrls: Type.Optional(Type.String()),
  registryUrl: Type.Optional(Type.String({ format: 'uri' })),
  /** DNS discovery: host name per service, `{service}` replaced, optional `:port` (`{service}.shop.svc.cluster.local`). */
  dnsTemplate: Type.String({ minLength: 1, default: '{service}' }),
  /** Unset: the in-process bus (embedded). Set: RabbitMQ. Only services with events use it. */
  amqpUrl: Type.Optional(Type.String({ pattern: '^amqps?://' })),
  /** Access tokens: issuer and audience every service checks (the user service signs them). */
  jwtIssuer: Type.String({ minLength: 1, default: 'emporium' }),
  jwtAudience: Type.String({ minLength: 1, default: 'emporium-api' }),
  /** Where the signing keys are published; unset: the user service's `/.well-known/jwks.json` via discovery. */
  jwksUrl: Type.Optional(Type.String({ format: 'uri' })),
  /**
   * Prefix of the RabbitMQ exchange and queue names (`<namespace>emporium.events`):
   * lets several shops or test runs share one broker without sharing messages.
   */
  eventNamespace: Type.String({ pattern: '^([a-z0-9-]+\\.)?$', default: '' }),
  /** RabbitMQ queues unused this long delete themselves; for throwaway namespaces (test runs). Unset: never. */
  eventQueueExpiryMs: Type.Optional(Type.Integer({ minimum: 60_000 })),
  /** Follow the config service's live settings (log level, limits, flags, thresholds) without restarts. */
  liveConfig: Type.Boolean({ default: true }),
};

export const databaseSettings = {
  databaseUrl: Type.String({ pattern: '^postgres(ql)?://' }),
  databasePoolMax: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
};

export const cacheSettings = {
  /** Unset: an in-memory cache (embedded). Set: Redis shared by replicas. */
  redisUrl: Type.Optional(Type.String({ pattern: '^rediss?://' })),
};

export const brokerSettings = {
  /** Unset: the in-process bus (embedded). Set: RabbitMQ. */
  amqpUrl: Type.Optional(Type.String({ pattern: '^amqps?://' })),
};
