import type { Cache } from '@emporium/platform/cache/cache';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import type { Logger } from '@emporium/platform/log/logger';
import type { RecommendationDb } from '../db/database.js';
import type { RecommendationMetrics } from '../metrics.js';

export interface ModelSettings {
  halfLifeMs: number;
  windowMs: number;
  neighboursPerProduct: number;
}

/** Everything the recommendation use cases need, built once in `service.ts`. */
export interface RecommendationDeps {
  db: RecommendationDb;
  logger: Logger;
  metrics: RecommendationMetrics;
  /** Produces `behaviour.tracked` through the outbox. */
  events: Pick<EventRuntime, 'enqueue'>;
  cache: Cache;
  popularity: { halfLifeSeconds: number; windowSeconds: number };
  model: ModelSettings;
  caching: { answerMs: number; forYouMs: number };
}
