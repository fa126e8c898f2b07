import type { Logger } from '@emporium/platform/log/logger';
import type { RecommendationDb } from '../db/database.js';
import type { RecommendationMetrics } from '../metrics.js';

/** Everything the recommendation use cases need, built once in `service.ts`. */
export interface RecommendationDeps {
  db: RecommendationDb;
  logger: Logger;
  metrics: RecommendationMetrics;
  popularity: { halfLifeSeconds: number; windowSeconds: number };
}
