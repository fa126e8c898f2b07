import type { HttpApp } from '@emporium/platform/http/create-http-app';
import type { Logger } from '@emporium/platform/log/logger';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { LimitClass, RateLimits } from './rate-limit-settings.js';

/** Where a request stands against its limit once counted. */
export interface RateDecision {
  limit: number;
  windowSeconds: number;
  remaining: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
  exceeded: boolean;
}

export interface RateLimiter {
  /** Counts the request against `subject` in `limitClass`; undefined when the store failed (the request passes). */
  hit(request: FastifyRequest, limitClass: LimitClass, subject: string): Promise<RateDecision | undefined>;
  /** Replaces the limits; the next request counted uses them (live config). */
  apply(limits: RateLimits): void;
  current(): RateLimits;
  close(): Promise<void>;
}

export interface RateLimiterOptions {
  limits: RateLimits;
  /** Set: counters in Redis, shared by every gateway replica. Unset: in this process. */
  redisUrl?: string | undefined;
  /** Redis key prefix: replicas of one deployment share it. */
  keyPrefix: string;
  logger: Logger;
}

/**
 * Fixed-window counters from @fastify/rate-limit (its Redis store is one
 * atomic Lua script per request), driven by the edge guard rather than by a
 * route hook, because the key depends on the verified caller. When the store
 * fails (Redis down) requests pass: the services' own throttles (login)
 * still hold, and the gateway's readiness reports the cache as down.
 */
export async function createRateLimiter(app: HttpApp, options: RateLimiterOptions): Promise<RateLimiter> {
  let limits = options.limits;
  const counting = new WeakMap<FastifyRequest, { limitClass: LimitClass; key: string }>();
  const entryOf = (request: FastifyRequest) => {
    const entry = counting.get(request);
    if (!entry) throw new Error('rate limiter called outside hit()');
    return entry;
  };

  const redis = options.redisUrl
    ? new Redis(options.redisUrl, {
        // Fail fast while Redis is away: the request passes rather than waits.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 3_000,
        commandTimeout: 500,
      })
    : undefined;
  redis?.on('error', () => {}); // reconnects by itself; hit() reports failures
  if (redis) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3_000);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: options.keyPrefix } : { cache: 100_000 }),
    keyGenerator: (request) => entryOf(request).key,
    max: (request) => limits[entryOf(request).limitClass].limit,
    timeWindow: (request) => limits[entryOf(request).limitClass].windowSeconds * 1000,
    skipOnError: false,
  });
  const count = app.createRateLimit();

  let lastWarning = 0;
  return {
    async hit(request, limitClass, subject) {
      counting.set(request, { limitClass, key: `${limitClass}:${subject}` });
      try {
        const result = await count(request);
        if (result.isAllowed) return undefined;
        return {
          limit: result.max,
          windowSeconds: Math.round(result.timeWindow / 1000),
          remaining: result.remaining,
          resetSeconds: Math.max(0, result.ttlInSeconds),
          exceeded: result.isExceeded,
        };
      } catch (error) {
        if (Date.now() - lastWarning > 10_000) {
          lastWarning = Date.now();
          options.logger.warn({ err: error }, 'rate limit store failed; requests pass uncounted');
        }
        return undefined;
      } finally {
        counting.delete(request);
      }
    },
    apply(next) {
      limits = next;
    },
    current: () => limits,
    async close() {
      redis?.disconnect();
    },
  };
}
