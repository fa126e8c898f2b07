/**
 * Offline evaluation of the recommenders:
 *
 *   npx tsx --conditions=source services/recommendation/src/evaluation/evaluate.ts [--no-latency]
 *
 * 1. A synthetic order history over the demo catalog (launcher/demo-data/catalog.json), from the
 *    seeded generator in synthetic-orders.ts (same history on every run).
 * 2. Chronological split: the orders before the 80th percentile of order time train the models,
 *    the later ones are the test.
 * 3. For every customer with a training history and a test purchase of something not bought
 *    before: each recommender's top 10 (already bought products excluded) against what they
 *    bought in the test period: hit rate@10 and NDCG@10, averaged over customers.
 * 4. Latency of the service's answers over HTTP on the trained model (measure-latency.ts).
 *
 * Writes bench/results/recommendation-eval.md and .json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DemoCatalog, DemoData } from '@emporium/contracts/demo/demo-catalog';
import { demoProductId } from '@emporium/contracts/demo/demo-ids';
import { catalogRowOf } from '../domain/catalog-product.js';
import type { ContentDocument } from '../domain/content-similarity.js';
import { type LatencyFigures, measureLatency } from './measure-latency.js';
import {
  type RecommenderName,
  recommend,
  recommenderNames,
  serviceDefaults,
  trainModels,
} from './offline-recommenders.js';
import { hitRateAtK, mean, ndcgAtK } from './ranking-metrics.js';
import {
  type CatalogItem,
  defaultSyntheticSettings,
  generateOrders,
  type SyntheticOrder,
} from './synthetic-orders.js';

const k = 10;
const trainShare = 0.8;
const root = fileURLToPath(new URL('../../../../', import.meta.url));

export function loadDemoCatalog(): DemoCatalog {
  return JSON.parse(readFileSync(`${root}launcher/demo-data/catalog.json`, 'utf8')) as DemoCatalog;
}

/** The demo catalog as the generator and the content model see it (the ids the services give demo products). */
export function evaluationCatalog(catalog: DemoCatalog): { items: CatalogItem[]; docs: ContentDocument[] } {
  const categories = new Map(catalog.categories.map((c) => [c.slug, c]));
  const items: CatalogItem[] = [];
  const docs: ContentDocument[] = [];
  for (const product of catalog.products) {
    const productId = demoProductId(product.sourceId);
    const category = categories.get(product.categorySlug);
    items.push({ productId, category: product.categorySlug, tags: product.tags });
    const row = catalogRowOf({
      id: productId,
      title: product.title,
      description: product.description,
      brand: product.brand,
      categorySlugs: category?.path ?? [product.categorySlug],
      category: category ? { name: category.name, path: category.path } : null,
      tags: product.tags,
      productType: product.productType,
      status: 'active',
      variants: product.variants,
      updatedAt: product.createdAt,
    });
    docs.push(row);
  }
  return { items, docs };
}

export interface EvaluationReport {
  generatedAt: string;
  dataset: {
    products: number;
    customers: number;
    orders: number;
    orderLines: number;
    trainOrders: number;
    testOrders: number;
    cutoff: string;
    testCustomers: number;
    coldTestCustomers: number;
    generator: typeof defaultSyntheticSettings;
  };
  k: number;
  results: Array<{ recommender: RecommenderName; hitRate: number; ndcg: number; coverage: number }>;
  /** The hybrid at other popularity shares: how its one tuned weight was chosen. */
  popularityShareSweep: Array<{ share: number; hitRate: number; ndcg: number }>;
  coldStart: { customers: number; hitRate: number; ndcg: number };
  latency?: LatencyFigures;
}

export function splitChronologically(orders: readonly SyntheticOrder[], share: number) {
  const cutoff = orders[Math.floor(orders.length * share)]!.placedAt;
  return {
    cutoff,
    train: orders.filter((o) => o.placedAt < cutoff),
    test: orders.filter((o) => o.placedAt >= cutoff),
  };
}

export async function evaluate(options: { latency: boolean }): Promise<EvaluationReport> {
  const catalog = loadDemoCatalog();
  const { items, docs } = evaluationCatalog(catalog);
  const orders = generateOrders(items);
  const { cutoff, train, test } = splitChronologically(orders, trainShare);
  const models = trainModels(train, docs, cutoff, serviceDefaults);

  const historyOf = new Map<string, SyntheticOrder[]>();
  for (const order of train)
    historyOf.set(order.customerId, [...(historyOf.get(order.customerId) ?? []), order]);
  const futureOf = new Map<string, Set<string>>();
  for (const order of test) {
    const bought = new Set(historyOf.get(order.customerId)?.flatMap((o) => o.productIds) ?? []);
    const future = futureOf.get(order.customerId) ?? new Set<string>();
    for (const id of order.productIds) if (!bought.has(id)) future.add(id);
    futureOf.set(order.customerId, future);
  }
  const warm = [...futureOf].filter(([customer, future]) => historyOf.has(customer) && future.size > 0);
  const cold = [...futureOf].filter(([customer, future]) => !historyOf.has(customer) && future.size > 0);

  const score = (recommender: RecommenderName, trained = models) => {
    const hits: number[] = [];
    const gains: number[] = [];
    const recommended = new Set<string>();
    for (const [customer, future] of warm) {
      const ranked = recommend(recommender, trained, historyOf.get(customer)!, k);
      for (const id of ranked) recommended.add(id);
      hits.push(hitRateAtK(ranked, future, k));
      gains.push(ndcgAtK(ranked, future, k));
    }
    return {
      recommender,
      hitRate: round(mean(hits)),
      ndcg: round(mean(gains)),
      /** Share of the catalog that appears in some top 10: how far beyond the best sellers it reaches. */
      coverage: round(recommended.size / items.length),
    };
  };
  const results = recommenderNames.map((recommender) => score(recommender));
  const popularityShareSweep = [0, 0.3, 0.5, 1, 2].map((share) => {
    const { hitRate, ndcg } = score('hybrid', {
      ...models,
      settings: { ...models.settings, popularityShare: share },
    });
    return { share, hitRate, ndcg };
  });
  // A shopper with no history gets popularity, whichever recommender is asked.
  const coldRanked = recommend('popularity', models, [], k);
  const coldStart = {
    customers: cold.length,
    hitRate: round(mean(cold.map(([, future]) => hitRateAtK(coldRanked, future, k)))),
    ndcg: round(mean(cold.map(([, future]) => ndcgAtK(coldRanked, future, k)))),
  };

  const report: EvaluationReport = {
    generatedAt: new Date().toISOString(),
    dataset: {
      products: items.length,
      customers: defaultSyntheticSettings.customers,
      orders: orders.length,
      orderLines: orders.reduce((sum, o) => sum + o.productIds.length, 0),
      trainOrders: train.length,
      testOrders: test.length,
      cutoff: cutoff.toISOString(),
      testCustomers: warm.length,
      coldTestCustomers: cold.length,
      generator: defaultSyntheticSettings,
    },
    k,
    results,
    popularityShareSweep,
    coldStart,
  };
  if (options.latency) {
    const demo: DemoData = {
      catalog,
      accounts: {
        admin: { email: 'admin@example.com', password: 'unused', name: 'Admin' },
        customer: { email: 'customer@example.com', password: 'unused', name: 'Customer' },
      },
    };
    const purchased = [...new Set(train.slice(-2_000).flatMap((o) => o.productIds))];
    report.latency = await measureLatency({
      demo,
      train,
      cutoff,
      shoppers: warm.slice(0, 300).map(([customer]) => customer),
      products: purchased.slice(0, 300),
    });
  }
  return report;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

export function markdownOf(report: EvaluationReport): string {
  const d = report.dataset;
  const lines = [
    '# Recommendation: offline evaluation',
    '',
    `Generated ${report.generatedAt} by \`npx tsx --conditions=source services/recommendation/src/evaluation/evaluate.ts\`.`,
    '',
    `Synthetic order history over the demo catalog (${d.products} products), seeded generator ` +
      '(services/recommendation/src/evaluation/synthetic-orders.ts: category and style affinities per customer, ' +
      `co-purchase bundles, Zipf popularity; seed ${d.generator.seed}): ${d.customers} customers, ${d.orders} orders, ` +
      `${d.orderLines} order lines over ${d.generator.days} days.`,
    `Chronological split at ${d.cutoff} (80th percentile of order time): ${d.trainOrders} training orders, ` +
      `${d.testOrders} test orders. Evaluated: the ${d.testCustomers} customers with a training history who bought ` +
      'something new in the test period; relevant = those new products; already bought products are never recommended.',
    'Models as the service runs them (same code, default settings): co-purchase cosine with a 30-day half-life over ' +
      '180 days, TF-IDF content similarity, popularity with a 72-hour half-life over 30 days. Item-CF and content are ' +
      'reported pure (they may have fewer than 10 answers); the hybrid is the service\'s "for you": co-purchase (1.0) ' +
      `and content (0.3) neighbours of what the customer bought, normalised, plus popularity with a share of ${serviceDefaults.popularityShare} ` +
      '(that one weight was picked on this same history, see the sweep below, so the hybrid figure is somewhat optimistic).',
    '',
    `| recommender | hit rate@${report.k} | NDCG@${report.k} | catalog coverage |`,
    '| --- | ---: | ---: | ---: |',
    ...report.results.map(
      (r) =>
        `| ${r.recommender} | ${r.hitRate.toFixed(4)} | ${r.ndcg.toFixed(4)} | ${r.coverage.toFixed(4)} |`,
    ),
    '',
    'Hybrid at other popularity shares (0: neighbours only, popularity just fills): ' +
      report.popularityShareSweep
        .map((s) => `${s.share}: hit rate ${s.hitRate.toFixed(4)}, NDCG ${s.ndcg.toFixed(4)}`)
        .join('; ') +
      '.',
    '',
    `Cold start (${report.coldStart.customers} test customers with no training history, served popularity): ` +
      `hit rate@${report.k} ${report.coldStart.hitRate.toFixed(4)}, NDCG@${report.k} ${report.coldStart.ndcg.toFixed(4)}.`,
  ];
  const popularity = report.results.find((r) => r.recommender === 'popularity')!;
  const hybrid = report.results.find((r) => r.recommender === 'hybrid')!;
  if (popularity.hitRate > 0) {
    lines.push(
      '',
      `Hybrid vs popularity baseline: hit rate × ${(hybrid.hitRate / popularity.hitRate).toFixed(2)}, ` +
        `NDCG × ${(hybrid.ndcg / Math.max(popularity.ndcg, 1e-9)).toFixed(2)}.`,
    );
  }
  if (report.latency) {
    const l = report.latency;
    lines.push(
      '',
      '## Latency',
      '',
      `The service over HTTP on ${l.stack}, loopback, sequential requests: the demo catalog seeded, the training ` +
        `orders stored as purchases, one full rebuild (${l.productsModelled} products with neighbours, ${l.rebuildMs} ms). ` +
        `${l.requests} distinct shoppers / products per answer, each asked twice in a row: computed (miss), then from ` +
        'the runtime cache (hit; availability is still checked in the database on every answer).',
      '',
      '| answer | cache | p50 ms | p99 ms | max ms |',
      '| --- | --- | ---: | ---: | ---: |',
      ...l.rows.map((r) => `| ${r.answer} | ${r.cache} | ${r.p50} | ${r.p99} | ${r.max} |`),
    );
  }
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await evaluate({ latency: !process.argv.includes('--no-latency') });
  const folder = `${root}bench/results`;
  writeFileSync(`${folder}/recommendation-eval.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${folder}/recommendation-eval.md`, markdownOf(report));
  process.stdout.write(markdownOf(report));
  process.exit(0);
}
