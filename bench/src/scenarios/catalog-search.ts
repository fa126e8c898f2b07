import { createTestDatabase } from '@emporium/platform/testing/test-database';
import pg from 'pg';
import { type Measurement, measure, summaryOf } from '../load/measure.js';
import type { BenchLoad, Scenario, ScenarioResult } from '../scenario.js';
import {
  catalogAdjectives,
  catalogColours,
  catalogNouns,
  catalogSizes,
  generateCatalog,
} from './catalog/generate-catalog.js';
import { round, sampleLatency, summaryOfSample } from './catalog/latency-sampler.js';
import { startBareServer, startCatalogServices } from './catalog/start-catalog-services.js';

/** Each kind of search or suggestion is sampled this many times, with varying words. */
const samplesPerKind = 40;

/**
 * The catalog at scale on the real PostgreSQL: a generated catalog
 * (`BENCH_CATALOG_SIZE`: 10000, 50000 (default) or 100000 products with
 * variants) seeded into a fresh database through the product and search
 * services' own bulk seeding, then search and suggest latency (sequential
 * requests, a mix of queries) and product listing and by-slug throughput
 * through the gateway (autocannon), beside a bare `node:http` server.
 */
export const catalogSearch: Scenario = {
  name: 'catalog-search',
  async run(load: BenchLoad): Promise<ScenarioResult> {
    const size = Number(process.env.BENCH_CATALOG_SIZE ?? 50_000);
    if (!catalogSizes.includes(size as (typeof catalogSizes)[number])) {
      throw new Error(`BENCH_CATALOG_SIZE must be one of ${catalogSizes.join(', ')}`);
    }
    if (!process.env.DATABASE_URL) {
      const message = 'skipped: DATABASE_URL is not set (the catalog benchmarks run on the real PostgreSQL)';
      process.stdout.write(`catalog-search: ${message}\n`);
      return {
        title: `Catalog and search at ${size.toLocaleString('en')} products`,
        notes: [message],
        table: { columns: ['what'], rows: [] },
        figures: {},
        raw: { skipped: message },
      };
    }
    const database = await createTestDatabase(process.env);
    const services = await startCatalogServices(database.url);
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    const progress = (message: string) => process.stdout.write(`catalog-search: ${message}\n`);
    let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
    try {
      const demo = generateCatalog(size);
      const skus = demo.catalog.products.reduce((n, p) => n + p.variants.length, 0);
      progress(`${size} products, ${skus} variants generated`);
      let started = performance.now();
      await services.product.instance.seedDemo!(demo, () => {});
      const productSeedS = (performance.now() - started) / 1000;
      started = performance.now();
      await services.search.instance.seedDemo!(demo, () => {});
      const searchSeedS = (performance.now() - started) / 1000;
      progress(`seeded: product ${round(productSeedS)} s, search index ${round(searchSeedS)} s`);
      await drainOutbox(pool);
      await pool.query('analyze');

      const search = services.search.url;
      const gateway = services.gateway.url;
      const kinds = queryMix(search);
      const samples: Array<[string, string, ReturnType<typeof summaryOfSample>]> = [];
      for (const [label, urls, count] of kinds) {
        samples.push([
          label,
          'search service, sequential',
          summaryOfSample(await sampleLatency(urls, count)),
        ]);
        progress(`${label}: p95 ${samples.at(-1)![2].p95} ms`);
      }
      // Listing pages deep into the catalog cost what the first one does (keyset, never OFFSET).
      const pages = await walkListing(gateway, 200);
      samples.push([
        'listing pages 1 → 200 (20 per page)',
        'via gateway, sequential',
        summaryOfSample(pages),
      ]);

      const listingPath = '/api/v1/products?limit=20';
      const slugPath = `/api/v1/products/${demo.catalog.products[Math.floor(size / 2)]!.slug}`;
      const listing = await fetch(`${gateway}${listingPath}`);
      if (listing.status !== 200)
        throw new Error(`the listing answered ${listing.status} through the gateway`);
      const listingBody = Buffer.from(await listing.arrayBuffer());
      bare = await startBareServer(listingBody, 'application/json; charset=utf-8');
      const bounded = {
        connections: load.connections,
        durationS: Math.min(load.durationS, 10),
        warmupS: Math.min(load.warmupS, 3),
      };
      const measured: Array<[string, Measurement]> = [];
      for (const [label, url] of [
        ['bare `node:http` (same listing bytes)', `${bare.url}${listingPath}`],
        ['product listing, 20 per page', `${gateway}${listingPath}`],
        ['product by slug', `${gateway}${slugPath}`],
      ] as const) {
        const measurement = await measure(label, url, bounded);
        const { failures, requests } = summaryOf(measurement);
        // A run answered with errors measures the errors: refuse it rather than report it.
        if (failures > 0) throw new Error(`${label}: ${failures} of ${requests} requests failed`);
        measured.push([label, measurement]);
        progress(`${label}: ${summaryOf(measurement).requestsPerSecondP50} req/s`);
      }
      return report({ size, skus, productSeedS, searchSeedS, samples, measured, bounded });
    } finally {
      await bare?.close();
      await pool.end();
      await services.close();
      await database.drop();
    }
  },
};

type Kind = [label: string, urls: string[], count: (body: unknown) => number];

const departmentSlugs = ['apparel', 'footwear', 'electronics', 'home', 'beauty', 'sports', 'toys', 'garden'];

/** A deterministic mix of what shoppers type, drawn from the generator's vocabulary. */
function queryMix(base: string): Kind[] {
  const nth = <T>(list: readonly T[], i: number) => list[(i * 7 + 3) % list.length]!;
  const times = (make: (i: number) => string) => Array.from({ length: samplesPerKind }, (_, i) => make(i));
  const total = (body: unknown) => (body as { total: number }).total;
  const suggestions = (body: unknown) => (body as { suggestions: unknown[] }).suggestions.length;
  const typo = (word: string) =>
    word.length > 4 ? word.slice(0, 2) + word[3] + word[2] + word.slice(4) : `${word}x`;
  const s = (query: string) => `${base}/api/v1/search?${query}`;
  const suggest = (q: string) => `${base}/api/v1/search/suggest?q=${encodeURIComponent(q)}`;
  return [
    ['search: one word', times((i) => s(`q=${nth(catalogNouns, i).toLowerCase()}`)), total],
    [
      'search: two words',
      times((i) => s(`q=${encodeURIComponent(`${nth(catalogAdjectives, i)} ${nth(catalogNouns, i + 1)}`)}`)),
      total,
    ],
    [
      'search: phrase and exclusion',
      times((i) => s(`q=${encodeURIComponent(`"${nth(catalogAdjectives, i)}" -${nth(catalogColours, i)}`)}`)),
      total,
    ],
    [
      'search: misspelled (typo fallback)',
      times((i) => s(`q=${encodeURIComponent(typo(nth(catalogNouns, i).toLowerCase()))}`)),
      total,
    ],
    [
      'search: word + filters (attr, stock, rating)',
      times((i) =>
        s(
          `q=${nth(catalogNouns, i).toLowerCase()}&attr.colour=${nth(catalogColours, i)}&inStock=true&minRating=3`,
        ),
      ),
      total,
    ],
    // Browsing without text: each request's filters differ (minPrice), so no summary is reused.
    [
      'search: browse a department, by price',
      times((i) => s(`category=${departmentSlugs[i % 8]}&sort=price_asc&minPrice=${i}`)),
      total,
    ],
    ['search: browse everything (facets over all)', times((i) => s(`sort=newest&minPrice=${i}`)), total],
    ['search: browse everything, repeated (summary kept 2 s)', times(() => s('sort=newest')), total],
    [
      'suggest: 3+ characters',
      times((i) =>
        suggest(
          nth(catalogNouns, i)
            .slice(0, 3 + (i % 3))
            .toLowerCase(),
        ),
      ),
      suggestions,
    ],
    [
      'suggest: 1–2 characters',
      times((i) =>
        suggest(
          // Titles start with an adjective: half the inputs begin one, half begin a noun.
          (i % 2 ? nth(catalogNouns, i) : nth(catalogAdjectives, i)).slice(0, 1 + (i % 2)).toLowerCase(),
        ),
      ),
      suggestions,
    ],
    ['suggest: misspelled', times((i) => suggest(typo(nth(catalogNouns, i).toLowerCase()))), suggestions],
  ];
}

async function walkListing(gateway: string, pages: number) {
  const urls: string[] = [];
  const latencies: number[] = [];
  let cursor: string | null = null;
  let failures = 0;
  for (let page = 0; page < pages; page++) {
    const url = `${gateway}/api/v1/products?limit=20${cursor ? `&cursor=${cursor}` : ''}`;
    urls.push(url);
    const started = performance.now();
    const response = await fetch(url);
    const body = (await response.json()) as { nextCursor: string | null };
    latencies.push(performance.now() - started);
    if (response.status !== 200) failures += 1;
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  latencies.sort((a, b) => a - b);
  return { requests: urls.length, failures, latencies, meanCount: 20 };
}

/** The product service announced every seeded product: let its relay finish before measuring. */
async function drainOutbox(pool: pg.Pool): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const { rows } = await pool.query(
      'select count(*)::int as n from product.outbox where published_at is null',
    );
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the product outbox did not drain in 2 minutes');
}

function report(run: {
  size: number;
  skus: number;
  productSeedS: number;
  searchSeedS: number;
  samples: Array<[string, string, ReturnType<typeof summaryOfSample>]>;
  measured: Array<[string, Measurement]>;
  bounded: { connections: number; durationS: number; warmupS: number };
}): ScenarioResult {
  const loads = run.measured.map(([label, m]) => [label, summaryOf(m)] as const);
  const bareRps = loads[0]![1].requestsPerSecondP50;
  const sampleRow = ([label, how, s]: (typeof run.samples)[number]) => [
    label,
    how,
    s.requests,
    s.requestsPerSecond,
    s.p50,
    s.p95,
    s.p99,
    s.failures,
    s.meanCount,
  ];
  const loadRow = ([label, s]: (typeof loads)[number]) => [
    label,
    `${run.bounded.connections} connections, autocannon`,
    s.requests,
    round(s.requestsPerSecondP50, 0),
    s.latencyP50Ms,
    '',
    s.latencyP99Ms,
    s.failures,
    '',
  ];
  const p95 = (prefix: string) =>
    Math.max(...run.samples.filter(([label]) => label.startsWith(prefix)).map(([, , s]) => s.p95));
  return {
    title: `Catalog and search at ${run.size.toLocaleString('en')} products`,
    notes: [
      `A generated catalog (deterministic): ${run.size} products, ${run.skus} variants, 168 categories in 3 levels, 400 brands; seeded into a fresh database on the real PostgreSQL by the services' own bulk seeding (product ${round(run.productSeedS)} s with its \`product.created\` outbox rows, search index ${round(run.searchSeedS)} s).`,
      'Product, search and the gateway run in this process, as in embedded mode; logs off. Search and suggest: one client, sequential keep-alive requests to the search service, each kind with varying words; every search is logged (analytics) as in production.',
      'Listing and by-slug: autocannon in a child process through the gateway, one fixed URL each (the product service serves repeats from its read cache); the bare server answers the listing’s bytes. Listing pages 1 → 200 walks the keyset cursor through the gateway.',
      `${run.bounded.warmupS} s warm-up, ${run.bounded.durationS} s measured per load target. Last column: mean hits (total) or suggestions per answer.`,
    ],
    table: {
      columns: [
        'what',
        'how',
        'requests',
        'req/s',
        'p50 (ms)',
        'p95 (ms)',
        'p99 (ms)',
        'failures',
        'mean results',
      ],
      rows: [...run.samples.map(sampleRow), ...loads.map(loadRow)],
    },
    figures: {
      searchP95MsWorst: p95('search:'),
      suggestP95MsWorst: p95('suggest:'),
      listingRps: round(loads[1]![1].requestsPerSecondP50, 0),
      slugRps: round(loads[2]![1].requestsPerSecondP50, 0),
      listingToBare: round(loads[1]![1].requestsPerSecondP50 / bareRps, 3),
      slugToBare: round(loads[2]![1].requestsPerSecondP50 / bareRps, 3),
    },
    raw: {
      size: run.size,
      skus: run.skus,
      seedSeconds: { product: run.productSeedS, search: run.searchSeedS },
      samples: run.samples,
      loads: run.measured.map(([label, m]) => ({ label, ...m })),
    },
  };
}
