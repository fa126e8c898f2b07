import { createTestDatabase } from '@emporium/platform/testing/test-database';
import pg from 'pg';
import { measure, summaryOf } from '../load/measure.js';
import type { BenchLoad, Scenario, ScenarioResult } from '../scenario.js';
import {
  catalogAdjectives,
  catalogColours,
  catalogNouns,
  generateCatalog,
} from './catalog/generate-catalog.js';
import { percentile, round, sampleLatency } from './catalog/latency-sampler.js';
import { startBareServer, startCatalogServices } from './catalog/start-catalog-services.js';

/** Distinct requests per kind and round; each kind is sampled in `min(rounds, 3)` rounds. */
const requestsPerRound = 100;
const maxRounds = 3;
const departments = ['apparel', 'footwear', 'electronics', 'home', 'beauty', 'sports', 'toys', 'garden'];

/**
 * The catalog at 10k and 100k products, everything through the gateway on
 * the real PostgreSQL: a generated catalog (deterministic, with variants)
 * seeded in bulk by the product and search services' own seeding (chunks
 * of 1,000 rows, no HTTP per product), then sequential latency (p50, p95,
 * p99, medians over rounds) of product listing (first page, deep keyset
 * pages, a department with its descendants), single product reads (by slug
 * and by id, each a different product, and one repeated), search and
 * suggest; then requests/s of the listing and of one product by slug
 * under load (autocannon) beside a bare `node:http` server.
 */
export const catalog10k: Scenario = { name: 'catalog-10k', run: (load) => runCatalogScale(10_000, load) };
export const catalog100k: Scenario = { name: 'catalog-100k', run: (load) => runCatalogScale(100_000, load) };

type Kind = { label: string; urls: string[]; count?: (body: unknown) => number };
type Row = {
  label: string;
  requests: number;
  failures: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
};

async function runCatalogScale(size: number, load: BenchLoad): Promise<ScenarioResult> {
  const title = `Catalog at ${size.toLocaleString('en')} products, through the gateway`;
  const progress = (message: string) => process.stdout.write(`catalog-${size / 1000}k: ${message}\n`);
  if (!process.env.DATABASE_URL) {
    const message = 'skipped: DATABASE_URL is not set (the catalog benchmarks run on the real PostgreSQL)';
    progress(message);
    return {
      title,
      notes: [message],
      table: { columns: ['what'], rows: [] },
      figures: {},
      raw: { skipped: message },
    };
  }
  const database = await createTestDatabase(process.env);
  const services = await startCatalogServices(database.url);
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  try {
    const demo = generateCatalog(size);
    const products = demo.catalog.products;
    const skus = products.reduce((n, p) => n + p.variants.length, 0);
    progress(`${size} products, ${skus} variants generated`);
    let started = performance.now();
    await services.product.instance.seedDemo!(demo, () => {});
    const productSeedS = (performance.now() - started) / 1000;
    started = performance.now();
    await services.search.instance.seedDemo!(demo, () => {});
    const searchSeedS = (performance.now() - started) / 1000;
    progress(`seeded in bulk: product ${round(productSeedS)} s, search index ${round(searchSeedS)} s`);
    await drainOutbox(pool);
    await pool.query('analyze');

    const gateway = services.gateway.url;
    const { rows: idRows } = await pool.query<{ id: string }>(
      `select id::text from product.products where status = 'active' order by md5(id::text) limit $1`,
      [requestsPerRound * maxRounds],
    );
    const rounds = Math.max(1, Math.min(load.rounds, maxRounds));
    const rows: Row[] = [];
    for (const kind of await kindsOf(
      gateway,
      products,
      idRows.map((row) => row.id),
      rounds,
    )) {
      rows.push(await sampleKind(kind, rounds));
      const last = rows.at(-1)!;
      progress(`${kind.label}: p50 ${last.p50} ms, p95 ${last.p95} ms, p99 ${last.p99} ms`);
    }

    const listingPath = '/api/v1/products?limit=20';
    const slugPath = `/api/v1/products/${products[Math.floor(size / 2)]!.slug}`;
    const listing = await fetch(`${gateway}${listingPath}`);
    if (listing.status !== 200) throw new Error(`the listing answered ${listing.status} through the gateway`);
    bare = await startBareServer(Buffer.from(await listing.arrayBuffer()), 'application/json; charset=utf-8');
    const bounded = {
      connections: load.connections,
      durationS: Math.min(load.durationS, 10),
      warmupS: Math.min(load.warmupS, 3),
    };
    const loads: Array<[string, ReturnType<typeof summaryOf>]> = [];
    for (const [label, url] of [
      ['bare `node:http` (same listing bytes)', `${bare.url}${listingPath}`],
      ['product listing, 20 per page (one URL)', `${gateway}${listingPath}`],
      ['product by slug (one URL)', `${gateway}${slugPath}`],
    ] as const) {
      const summary = summaryOf(await measure(label, url, bounded));
      // A run answered with errors measures the errors: refuse it rather than report it.
      if (summary.failures > 0)
        throw new Error(`${label}: ${summary.failures} of ${summary.requests} failed`);
      loads.push([label, summary]);
      progress(`${label}: ${summary.requestsPerSecondP50} req/s`);
    }
    return report({ size, skus, productSeedS, searchSeedS, rounds, rows, loads, bounded });
  } finally {
    await bare?.close();
    await pool.end();
    await services.close();
    await database.drop();
  }
}

/** What is measured, each kind with `requestsPerRound × rounds` distinct URLs where the kind allows it. */
async function kindsOf(
  gateway: string,
  products: ReadonlyArray<{ slug: string }>,
  ids: string[],
  rounds: number,
) {
  const n = requestsPerRound * rounds;
  const times = (make: (i: number) => string) => Array.from({ length: n }, (_, i) => `${gateway}${make(i)}`);
  const nth = <T>(list: readonly T[], i: number) => list[(i * 7 + 3) % list.length]!;
  const spread = (i: number) => products[Math.floor((i * products.length) / n)]!.slug;
  const typo = (word: string) =>
    word.length > 4 ? word.slice(0, 2) + word[3] + word[2] + word.slice(4) : `${word}x`;
  const total = (body: unknown) => (body as { total: number }).total;
  const items = (body: unknown) => (body as { items: unknown[] }).items.length;
  const suggestions = (body: unknown) => (body as { suggestions: unknown[] }).suggestions.length;
  const q = (text: string) => encodeURIComponent(text);
  const kinds: Kind[] = [
    {
      label: 'listing: first page (20), repeated',
      urls: times(() => '/api/v1/products?limit=20'),
      count: items,
    },
    {
      label: 'listing: pages 1 → n by keyset cursor (20 each)',
      urls: await cursorWalk(gateway, '/api/v1/products?limit=20', n),
      count: items,
    },
    {
      label: 'listing: a department with its descendants, pages by cursor',
      urls: (
        await Promise.all(
          departments.map((d) =>
            cursorWalk(gateway, `/api/v1/products?limit=20&category=${d}`, Math.ceil(n / 8)),
          ),
        )
      )
        .flatMap((urls, d) => urls.map((url, i) => [i * 8 + d, url] as const))
        .sort(([a], [b]) => a - b)
        .map(([, url]) => url)
        .slice(0, n),
      count: items,
    },
    { label: 'product by slug, each a different one', urls: times((i) => `/api/v1/products/${spread(i)}`) },
    {
      label: 'product by id, each a different one',
      urls: ids.map((id) => `${gateway}/api/v1/products/${id}`),
    },
    {
      label: 'product by slug, the same one repeated (read cache)',
      urls: times(() => `/api/v1/products/${products[0]!.slug}`),
    },
    {
      label: 'search: one word',
      urls: times((i) => `/api/v1/search?q=${q(nth(catalogNouns, i + Math.floor(i / 50)).toLowerCase())}`),
      count: total,
    },
    {
      label: 'search: two words',
      urls: times((i) => `/api/v1/search?q=${q(`${nth(catalogAdjectives, i)} ${nth(catalogNouns, i + 1)}`)}`),
      count: total,
    },
    {
      label: 'search: misspelled (typo tolerance)',
      urls: times((i) => `/api/v1/search?q=${q(typo(nth(catalogNouns, i).toLowerCase()))}`),
      count: total,
    },
    {
      label: 'search: word + attribute, stock and rating filters',
      urls: times(
        (i) =>
          `/api/v1/search?q=${q(nth(catalogNouns, i).toLowerCase())}&attr.colour=${nth(catalogColours, i)}&inStock=true&minRating=3`,
      ),
      count: total,
    },
    {
      label: 'search: browse a department by price, with facets',
      urls: times((i) => `/api/v1/search?category=${departments[i % 8]}&sort=price_asc&minPrice=${i}`),
      count: total,
    },
    {
      label: 'suggest: 3–5 characters',
      urls: times(
        (i) =>
          `/api/v1/search/suggest?q=${q(
            nth(catalogNouns, i)
              .slice(0, 3 + (i % 3))
              .toLowerCase(),
          )}`,
      ),
      count: suggestions,
    },
    {
      label: 'suggest: misspelled',
      urls: times((i) => `/api/v1/search/suggest?q=${q(typo(nth(catalogNouns, i).toLowerCase()))}`),
      count: suggestions,
    },
  ];
  return kinds;
}

/** The URLs of the first `pages` pages of a listing, following its keyset cursor. */
async function cursorWalk(gateway: string, first: string, pages: number): Promise<string[]> {
  const urls: string[] = [];
  let cursor: string | null = null;
  while (urls.length < pages) {
    const path: string = cursor ? `${first}&cursor=${cursor}` : first;
    urls.push(`${gateway}${path}`);
    const response = await fetch(`${gateway}${path}`);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    cursor = ((await response.json()) as { nextCursor: string | null }).nextCursor;
    if (!cursor) break;
  }
  return urls;
}

/** Splits a kind's URLs into rounds; each percentile is the median of the rounds' values. */
async function sampleKind(kind: Kind, rounds: number): Promise<Row> {
  const per = Math.ceil(kind.urls.length / rounds);
  const figures: Array<{ p50: number; p95: number; p99: number; mean: number }> = [];
  let requests = 0;
  let failures = 0;
  for (let r = 0; r < rounds; r++) {
    const urls = kind.urls.slice(r * per, (r + 1) * per);
    if (urls.length === 0) continue;
    const sample = await sampleLatency(urls, kind.count);
    requests += sample.requests;
    failures += sample.failures;
    if (sample.latencies.length === 0) continue;
    figures.push({
      p50: percentile(sample.latencies, 50),
      p95: percentile(sample.latencies, 95),
      p99: percentile(sample.latencies, 99),
      mean: sample.meanCount,
    });
  }
  const median = (pick: (f: (typeof figures)[number]) => number) => {
    const sorted = figures.map(pick).sort((a, b) => a - b);
    return round(percentile(sorted, 50));
  };
  return {
    label: kind.label,
    requests,
    failures,
    p50: median((f) => f.p50),
    p95: median((f) => f.p95),
    p99: median((f) => f.p99),
    mean: Math.round(median((f) => f.mean)),
  };
}

/** The product service announced every seeded product: let its relay finish before measuring. */
async function drainOutbox(pool: pg.Pool): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const { rows } = await pool.query(
      'select count(*)::int as n from product.outbox where published_at is null',
    );
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the product outbox did not drain in 5 minutes');
}

function report(run: {
  size: number;
  skus: number;
  productSeedS: number;
  searchSeedS: number;
  rounds: number;
  rows: Row[];
  loads: Array<[string, ReturnType<typeof summaryOf>]>;
  bounded: { connections: number; durationS: number; warmupS: number };
}): ScenarioResult {
  const row = (label: string) => run.rows.find((r) => r.label.startsWith(label))!;
  const worst = (prefix: string, pick: (r: Row) => number) =>
    Math.max(...run.rows.filter((r) => r.label.startsWith(prefix)).map(pick));
  const bareRps = run.loads[0]![1].requestsPerSecondP50;
  return {
    title: `Catalog at ${run.size.toLocaleString('en')} products, through the gateway`,
    notes: [
      `A generated catalog (deterministic): ${run.size} products, ${run.skus} variants, 168 categories in 3 levels, 400 brands; seeded in bulk into a fresh database on the real PostgreSQL by the services' own seeding, 1,000 rows a statement (product ${round(run.productSeedS)} s with its \`product.created\` outbox rows, search index ${round(run.searchSeedS)} s).`,
      'Product, search and the gateway run in this process, as in embedded mode; logs off; memory read cache. Every request goes through the gateway (rate limiting off: one client).',
      `Latency rows: one client, sequential keep-alive requests, ${run.rounds} rounds of up to ${requestsPerRound} distinct requests (except the "repeated" rows); p50/p95/p99 are the medians of the rounds' values. Every search is logged (analytics) as in production.`,
      `Load rows: autocannon in a child process, ${run.bounded.connections} connections, ${run.bounded.warmupS} s warm-up, ${run.bounded.durationS} s measured, one fixed URL (the product by slug comes from the product service's read cache after the first request; a listing page is a query each time); the bare server answers the listing's bytes. autocannon gives no p95.`,
      'Last column: mean items, hits (total) or suggestions per answer.',
    ],
    table: {
      columns: ['what', 'requests', 'req/s', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', 'failures', 'mean results'],
      rows: [
        ...run.rows.map((r) => [r.label, r.requests, '', r.p50, r.p95, r.p99, r.failures, r.mean]),
        ...run.loads.map(([label, s]) => [
          `${label}, autocannon`,
          s.requests,
          round(s.requestsPerSecondP50, 0),
          s.latencyP50Ms,
          '',
          s.latencyP99Ms,
          s.failures,
          '',
        ]),
      ],
    },
    figures: {
      listingDeepP50Ms: row('listing: pages').p50,
      listingDeepP95Ms: row('listing: pages').p95,
      listingDeepP99Ms: row('listing: pages').p99,
      productBySlugP95Ms: row('product by slug, each').p95,
      searchP50MsWorst: worst('search:', (r) => r.p50),
      searchP95MsWorst: worst('search:', (r) => r.p95),
      searchP99MsWorst: worst('search:', (r) => r.p99),
      suggestP95MsWorst: worst('suggest:', (r) => r.p95),
      listingRps: round(run.loads[1]![1].requestsPerSecondP50, 0),
      slugRps: round(run.loads[2]![1].requestsPerSecondP50, 0),
      listingToBare: round(run.loads[1]![1].requestsPerSecondP50 / bareRps, 3),
      slugToBare: round(run.loads[2]![1].requestsPerSecondP50 / bareRps, 3),
    },
    raw: {
      size: run.size,
      skus: run.skus,
      seedSeconds: { product: run.productSeedS, search: run.searchSeedS },
      rounds: run.rounds,
      latency: run.rows,
      loads: run.loads.map(([label, summary]) => ({ label, ...summary })),
    },
  };
}
