import type { Cache } from '@emporium/platform/cache/cache';
import type { Logger } from '@emporium/platform/log/logger';

export interface ReadThroughSettings {
  /** How long an entry is served as fresh. */
  freshMs: number;
  /** How long past fresh an entry is still served while one caller refreshes it. */
  staleMs: number;
  /** Prefix of every key (lets test suites share one Redis). */
  keyPrefix: string;
  /** A second delete this long after an invalidation, for a replica's load that raced it. */
  redeleteAfterMs: number;
}

export interface ReadThroughEvents {
  onLoad?: (kind: string) => void;
  onHit?: (kind: string) => void;
}

interface Entry<T> {
  value: T;
  freshUntil: number;
}

export interface ReadThrough {
  /** The cached value, or `load()`'s (stored; `undefined` is never stored). */
  get<T>(kind: string, key: string, load: () => Promise<T | undefined>): Promise<T | undefined>;
  /** Drops keys after a change (call once the change committed). */
  invalidate(keys: ReadonlyArray<readonly [kind: string, key: string]>): Promise<void>;
  close(): void;
}

/**
 * Cache-aside reads with stampede protection:
 * - one load per key at a time in this process (single flight): fifty
 *   concurrent reads of a cold key cost one database read;
 * - stale-while-revalidate: an entry past its fresh time is still served
 *   while one caller refreshes it, so a hot key expiring sends no burst to
 *   the database from any replica (each replica refreshes it at most once);
 * - a load that started before an invalidation never writes its (old)
 *   value back; a delayed second delete covers the same race across replicas.
 * A cache outage degrades to database reads, never to failed requests.
 */
export function createReadThrough(
  cache: Cache,
  settings: ReadThroughSettings,
  logger: Logger,
  events: ReadThroughEvents = {},
): ReadThrough {
  /** Loads in progress; an invalidation marks its key's flight stale so it stores nothing. */
  const flights = new Map<string, { promise: Promise<unknown>; invalidated: boolean }>();
  const timers = new Set<NodeJS.Timeout>();
  const fullKey = (kind: string, key: string) => `${settings.keyPrefix}${kind}:${key}`;

  async function read<T>(key: string): Promise<Entry<T> | undefined> {
    try {
      return await cache.get<Entry<T>>(key);
    } catch (error) {
      logger.warn({ err: error, key }, 'cache read failed');
      return undefined;
    }
  }

  function load<T>(kind: string, key: string, loader: () => Promise<T | undefined>): Promise<T | undefined> {
    const inFlight = flights.get(key);
    if (inFlight) return inFlight.promise as Promise<T | undefined>;
    const flight = { promise: Promise.resolve() as Promise<unknown>, invalidated: false };
    flight.promise = (async () => {
      events.onLoad?.(kind);
      const value = await loader();
      if (value !== undefined && !flight.invalidated) {
        const entry: Entry<T> = { value, freshUntil: Date.now() + settings.freshMs };
        await cache
          .set(key, entry, settings.freshMs + settings.staleMs)
          .catch((error: unknown) => logger.warn({ err: error, key }, 'cache write failed'));
      }
      return value;
    })().finally(() => {
      if (flights.get(key) === flight) flights.delete(key);
    });
    flights.set(key, flight);
    return flight.promise as Promise<T | undefined>;
  }

  return {
    async get<T>(kind: string, id: string, loader: () => Promise<T | undefined>) {
      const key = fullKey(kind, id);
      const entry = await read<T>(key);
      if (entry) {
        events.onHit?.(kind);
        if (entry.freshUntil <= Date.now()) {
          load(kind, key, loader).catch((error: unknown) =>
            logger.warn({ err: error, key }, 'cache refresh failed'),
          );
        }
        return entry.value;
      }
      return load(kind, key, loader);
    },

    async invalidate(pairs) {
      const keys = pairs.map(([kind, id]) => fullKey(kind, id));
      if (keys.length === 0) return;
      for (const key of keys) {
        const flight = flights.get(key);
        if (flight) flight.invalidated = true;
        flights.delete(key);
      }
      const remove = () =>
        cache.delete(...keys).catch((error: unknown) => logger.warn({ err: error }, 'cache delete failed'));
      await remove();
      const timer = setTimeout(() => {
        timers.delete(timer);
        void remove();
      }, settings.redeleteAfterMs);
      timer.unref();
      timers.add(timer);
    },

    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
