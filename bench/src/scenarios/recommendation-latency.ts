/**
 * Recommendation answer latency over HTTP: the recommendation service on a
 * model trained from the seeded synthetic order history of the offline
 * evaluation (services/recommendation/src/evaluation/), 300 distinct
 * shoppers and products, each asked twice in a row (computed, then from the
 * runtime cache). PostgreSQL when DATABASE_URL is set, else PGlite; Redis
 * when REDIS_URL is set, else the in-memory cache.
 *
 * `npm run bench -- recommendation-latency` once listed in run.ts; the
 * offline evaluation (`npx tsx --conditions=source
 * services/recommendation/src/evaluation/evaluate.ts`) measures the same
 * and writes it beside the hit rates in bench/results/recommendation-eval.md.
 */
import {
  evaluationCatalog,
  loadDemoCatalog,
  splitChronologically,
} from '@emporium/recommendation/evaluation/evaluate';
import { measureLatency } from '@emporium/recommendation/evaluation/measure-latency';
import { generateOrders } from '@emporium/recommendation/evaluation/synthetic-orders';
import type { Scenario, ScenarioResult } from '../scenario.js';

export const recommendationLatency: Scenario = {
  name: 'recommendation-latency',
  async run(): Promise<ScenarioResult> {
    const catalog = loadDemoCatalog();
    const { items } = evaluationCatalog(catalog);
    const { cutoff, train, test } = splitChronologically(generateOrders(items), 0.8);
    const shoppers = [...new Set(test.map((o) => o.customerId))].slice(0, 300);
    const products = [...new Set(train.slice(-2_000).flatMap((o) => o.productIds))].slice(0, 300);
    const latency = await measureLatency({
      demo: {
        catalog,
        accounts: {
          admin: { email: 'admin@example.com', password: 'unused', name: 'Admin' },
          customer: { email: 'customer@example.com', password: 'unused', name: 'Customer' },
        },
      },
      train,
      cutoff,
      shoppers,
      products,
    });
    const figures: Record<string, number> = { rebuildMs: latency.rebuildMs };
    for (const row of latency.rows) {
      const key = `${row.answer.replaceAll(' ', '_')}_${row.cache}`;
      figures[`${key}_p50_ms`] = row.p50;
      figures[`${key}_p99_ms`] = row.p99;
    }
    return {
      title: 'Recommendation answer latency',
      notes: [
        `${latency.stack}; ${train.length} training orders stored as purchases over the ${items.length}-product demo catalog, one full rebuild (${latency.rebuildMs} ms, ${latency.productsModelled} products with neighbours).`,
        `${latency.requests} distinct shoppers / products per answer, sequential, each asked twice: computed (miss), then from the runtime cache (hit).`,
      ],
      table: {
        columns: ['answer', 'cache', 'p50 ms', 'p99 ms', 'max ms'],
        rows: latency.rows.map((r) => [r.answer, r.cache, r.p50, r.p99, r.max]),
      },
      figures,
      raw: latency,
    };
  },
};
