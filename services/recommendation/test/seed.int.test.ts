import { demoProductId } from '@emporium/contracts/demo/demo-ids';
import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCatalog } from '../src/evaluation/evaluate.js';
import { modelWorkers, recommendationService } from '../src/service.js';

let service: TestService;
let sql: pg.Pool;

// A slice of the real demo catalog: enough categories to tell neighbours apart, small enough to stay fast.
const full = loadDemoCatalog();
const catalog = { ...full, products: full.products.slice(0, 400) };
const demo = {
  catalog,
  accounts: {
    admin: { email: 'admin@example.com', password: 'x', name: 'Admin' },
    customer: { email: 'customer@example.com', password: 'x', name: 'Customer' },
  },
};

beforeAll(async () => {
  service = await startTestService(recommendationService, {
    MODEL_REBUILD_INTERVAL_MS: '0',
    MODEL_REBUILD_AT_START_DELAY_MS: '-1',
  });
  sql = new pg.Pool({ connectionString: service.database!.url, max: 1 });
});
afterAll(async () => {
  await sql?.end();
  await service?.stop();
});

describe('demo seed', () => {
  it('loads the catalog projection idempotently; a rebuild gives demo products content neighbours', async () => {
    await service.instance.seedDemo!(demo, () => {});
    await service.instance.seedDemo!(demo, () => {});
    const counts = await sql.query(
      `select count(*)::int as n, count(*) filter (where available)::int as available from recommendation.catalog_products`,
    );
    const inStock = catalog.products.filter((p) =>
      p.variants.some((v) => Object.values(v.stock).some((n) => n > 0)),
    ).length;
    expect(counts.rows[0]).toEqual({ n: 400, available: inStock });

    const report = await modelWorkers.get(service.app)!.rebuild();
    expect(report.products).toBeGreaterThan(350);
    const dress = catalog.products.find((p) => p.categorySlug === 'apparel-accessories-clothing-dresses')!;
    const similar = (
      await httpClient(service.url)(
        'GET',
        `/api/v1/recommendations/products/${demoProductId(dress.sourceId)}/similar`,
      )
    ).body;
    expect(similar.basedOn).toBe('neighbours');
    expect(similar.items).toHaveLength(10);
    // Content neighbours of a dress are mostly dresses.
    const categoryOf = new Map(catalog.products.map((p) => [demoProductId(p.sourceId), p.categorySlug]));
    const dresses = similar.items.filter(
      (item: { productId: string }) => categoryOf.get(item.productId) === dress.categorySlug,
    );
    expect(dresses.length).toBeGreaterThanOrEqual(5);
  });
});
