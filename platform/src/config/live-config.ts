import { isDeepStrictEqual } from 'node:util';
import { Agent, request } from 'undici';
import type { ServiceLocator } from '../discovery/service-locator.js';
import type { Logger } from '../log/logger.js';
import { readEventStream } from './event-stream.js';

/**
 * Settings pushed live by the config service (the `runtime:` section of
 * `config/<profile>/<service>.yaml`), applied without a restart:
 *
 *   const live = createLiveConfig({
 *     service: 'inventory', profile: config.emporiumProfile,
 *     locator: runtime.locator, logger: runtime.logger,
 *   });
 *   live.onChange('lowStockThreshold', (value) => { threshold = Number(value ?? 5); });
 *   live.start();            // never blocks: applies versions as they arrive
 *   ...
 *   await live.close();      // from the service's close()
 *
 * `logLevel` is handled out of the box (the logger given here, and the
 * children created after the change). A handler gets `undefined` when its key
 * leaves the document, so it can fall back to the boot value. Secret
 * references arrive as references; resolve them with `resolveSecretRef`.
 */
export type ChangeHandler = (value: unknown, previous: unknown) => void | Promise<void>;

export interface LiveConfigOptions {
  service: string;
  profile: string;
  logger: Logger;
  /** Where the config service is: resolved on every (re)connection. */
  locator?: ServiceLocator;
  /** Or a fixed base URL. */
  configUrl?: string;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** A stream silent this long is dropped and reopened; keep above the service's `eventsKeepAliveMs`. */
  idleTimeoutMs?: number;
}

export interface LiveConfig {
  /** Registers a handler for one runtime key; called at once if the key already has a value. */
  onChange(key: string, handler: ChangeHandler): () => void;
  /** The runtime section of the last version applied. */
  current(): Readonly<Record<string, unknown>>;
  /** The last version applied (0: none yet). */
  readonly version: number;
  start(): void;
  close(): Promise<void>;
}

const logLevels = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export function createLiveConfig(options: LiveConfigOptions): LiveConfig {
  const { logger } = options;
  const reconnectMinMs = options.reconnectMinMs ?? 500;
  const reconnectMaxMs = options.reconnectMaxMs ?? 30_000;
  // Its own connection pool, destroyed on close: no socket outlives the client.
  const agent = new Agent({ bodyTimeout: options.idleTimeoutMs ?? 60_000, headersTimeout: 10_000 });
  const handlers = new Map<string, Set<ChangeHandler>>();
  const bootLevel = logger.level;
  let runtime: Readonly<Record<string, unknown>> = Object.freeze({});
  let version = 0;
  let failures = 0;
  let running = false;
  let abort: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;

  function onChange(key: string, handler: ChangeHandler) {
    const set = handlers.get(key) ?? new Set();
    set.add(handler);
    handlers.set(key, set);
    if (runtime[key] !== undefined) void call(key, handler, runtime[key], undefined);
    return () => set.delete(handler);
  }

  async function call(key: string, handler: ChangeHandler, value: unknown, previous: unknown) {
    try {
      await handler(value, previous);
    } catch (error) {
      logger.error({ err: error, key, version }, 'live config handler failed');
    }
  }

  async function apply(document: { version?: unknown; runtime?: unknown }) {
    if (typeof document.version !== 'number' || typeof document.runtime !== 'object' || !document.runtime) {
      throw new Error('not a config document');
    }
    if (document.version <= version) return;
    const previous = runtime;
    runtime = Object.freeze({ ...(document.runtime as Record<string, unknown>) });
    version = document.version;
    const keys = new Set([...Object.keys(previous), ...Object.keys(runtime)]);
    const changed = [...keys].filter((key) => !isDeepStrictEqual(previous[key], runtime[key]));
    logger.info({ configVersion: version, changed }, 'live config applied');
    for (const key of changed) {
      for (const handler of handlers.get(key) ?? []) await call(key, handler, runtime[key], previous[key]);
    }
  }

  async function baseUrl(): Promise<string> {
    if (options.configUrl) return options.configUrl.replace(/\/+$/, '');
    if (!options.locator) throw new Error('live config needs a locator or a configUrl');
    return options.locator.resolve('config');
  }

  /** One connection: returns when the stream ends; throws when it cannot be opened. */
  async function follow(signal: AbortSignal): Promise<void> {
    const base = await baseUrl();
    const path = `/api/v1/config/${encodeURIComponent(options.service)}/${encodeURIComponent(options.profile)}/events`;
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(`${base}${path}`, {
        headers: {
          accept: 'text/event-stream',
          ...(version > 0 ? { 'last-event-id': String(version) } : {}),
        },
        signal,
        dispatcher: agent,
      });
    } catch (error) {
      options.locator?.reportFailure?.('config', base);
      throw error;
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new Error(`config service answered ${response.statusCode}`);
    }
    failures = 0;
    logger.debug({ configUrl: base }, 'live config stream open');
    for await (const event of readEventStream(response.body)) {
      if (event.event !== 'config') continue;
      try {
        await apply(JSON.parse(event.data));
      } catch (error) {
        logger.warn({ err: error }, 'live config event ignored');
      }
    }
  }

  async function run(): Promise<void> {
    while (running) {
      abort = new AbortController();
      try {
        await follow(abort.signal);
      } catch (error) {
        if (!running) return;
        failures += 1;
        logger.warn({ err: error, attempt: failures }, 'live config stream failed');
      }
      if (!running) return;
      const ceiling = Math.min(reconnectMaxMs, reconnectMinMs * 2 ** Math.min(failures, 16));
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2));
        timer.unref();
      });
    }
  }

  // Built in: the log level follows the document, and returns to the boot level when the key goes.
  onChange('logLevel', (value) => {
    const level = value === undefined ? bootLevel : String(value);
    if (!logLevels.has(level)) {
      logger.warn({ logLevel: value }, 'live config: unknown log level ignored');
      return;
    }
    logger.level = level;
  });

  return {
    onChange,
    current: () => runtime,
    get version() {
      return version;
    },
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async close() {
      running = false;
      clearTimeout(timer);
      wake?.();
      abort?.abort();
      await loop;
      await agent.destroy();
    },
  };
}
