/**
 * Latency of the service's answers over HTTP, on a model trained from the
 * synthetic history: the recommendation service started for real (PGlite,
 * or PostgreSQL when DATABASE_URL is set; the in-process broker), the demo
 * catalog seeded, the training orders stored as purchases, one full
 * rebuild; then sequential GETs of "for you" (by session), "similar" and
 * "bought together" for distinct shoppers and products, each asked twice in
 * a row: computed (cache miss), then from the cache (hit).
 */
import { randomBytes } from 'node:crypto';
import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { startService } from '@emporium/platform/service/start-service';
import { createTestDatabase } from '@emporium/platform/testing/test-database';
import { createTestIdentity } from '@emporium/platform/testing/test-identity';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { insertBehaviourEvents } from '../db/behaviour-events.repo.js';
import * as schema from '../db/schema.js';
import { modelWorkers, recommendationService } from '../service.js';
import type { SyntheticOrder } from './synthetic-orders.js';

export interface LatencyFigures {
  stack: string;
  requests: number;
  rebuildMs: number;
  productsModelled: number;
  /** Milliseconds, per answer and cache state. */
  rows: Array<{ answer: string; cache: 'miss' | 'hit'; p50: number; p99: number; max: number }>;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (ms: number) => Math.round(ms * 100) / 100;

export async function measureLatency(input: {
  demo: DemoData;
  train: readonly SyntheticOrder[];
  cutoff: Date;
  /** Shoppers (customer ids) and products to ask about. */
  shoppers: readonly string[];
  products: readonly string[];
}): Promise<LatencyFigures> {
  const database = await createTestDatabase();
  const identity = await createTestIdentity();
  const broker = createInProcessBroker();
  const service = await startService(recommendationService, {
    inProcessBroker: broker,
    env: {
      LIVE_CONFIG: 'false',
      JWKS_URL: identity.jwksUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: '5',
      MODEL_REBUILD_INTERVAL_MS: '0',
      MODEL_REBUILD_AT_START_DELAY_MS: '-1',
      // Its own cache keys when it shares a Redis with anything else.
      EVENT_NAMESPACE: `bench${randomBytes(3).toString('hex')}.`,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    },
  });
  broker.open();
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pool.on('error', () => {});
  try {
    await service.instance.seedDemo!(input.demo, () => {});
    // The history ends now: the cutoff maps to the present, so decay and windows apply as in the evaluation.
    const shift = Date.now() - input.cutoff.getTime();
    const db = drizzle(pool, { schema });
    const rows = input.train.flatMap((order) =>
      order.productIds.map((productId) => ({
        kind: 'purchase' as const,
        productId,
        query: null,
        userId: null,
        sessionId: order.customerId,
        occurredAt: new Date(order.placedAt.getTime() + shift),
        source: `order:${order.orderId}:${productId}`,
      })),
    );
    for (let i = 0; i < rows.length; i += 1_000) await insertBehaviourEvents(db, rows.slice(i, i + 1_000));
    const report = await modelWorkers.get(service.app)!.rebuild();

    const time = async (path: string) => {
      const started = performance.now();
      const response = await fetch(`${service.url}${path}`);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      return performance.now() - started;
    };
    const figures: LatencyFigures['rows'] = [];
    /** Each path twice in a row: the first answer is computed (miss), the second comes from the cache (hit). */
    const measure = async (answer: string, paths: string[]) => {
      const samples = { miss: [] as number[], hit: [] as number[] };
      for (const path of paths) {
        samples.miss.push(await time(path));
        samples.hit.push(await time(path));
      }
      for (const cache of ['miss', 'hit'] as const) {
        const sorted = samples[cache].sort((a, b) => a - b);
        figures.push({
          answer,
          cache,
          p50: round(percentile(sorted, 50)),
          p99: round(percentile(sorted, 99)),
          max: round(sorted.at(-1)!),
        });
      }
    };
    // Warm the connections and JIT on paths not measured.
    for (let i = 0; i < 20; i += 1) await time(`/api/v1/recommendations/popular?limit=10`);
    await measure(
      'for you',
      input.shoppers.map(
        (s) => `/api/v1/recommendations/for-you?sessionId=${encodeURIComponent(s)}&limit=10`,
      ),
    );
    await measure(
      'similar',
      input.products.map((p) => `/api/v1/recommendations/products/${p}/similar?limit=10`),
    );
    await measure(
      'bought together',
      input.products.map((p) => `/api/v1/recommendations/products/${p}/bought-together?limit=10`),
    );
    return {
      stack: `${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded)'}, ${process.env.REDIS_URL ? 'Redis' : 'in-memory'} cache`,
      requests: Math.max(input.shoppers.length, input.products.length),
      rebuildMs: report.ms,
      productsModelled: report.products,
      rows: figures,
    };
  } finally {
    await pool.end();
    await service.close();
    await identity.close();
    await database.drop();
  }
}
