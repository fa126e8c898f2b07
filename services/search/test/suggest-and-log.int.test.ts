import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchService } from '../src/service.js';
import { allProducts, demoData } from './fixtures/demo-data.js';

let service: TestService;
let send: ReturnType<typeof httpClient>;
let client: pg.Client;

beforeAll(async () => {
  service = await startTestService(searchService);
  send = httpClient(service.url);
  client = new pg.Client({ connectionString: service.database!.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await service?.stop();
});

const indexed = async () => (await client.query('select count(*)::int as n from search.documents')).rows[0].n;

describe('search demo index, suggestions and query log', () => {
  it('indexes the demo catalog once, however often it is seeded', async () => {
    const messages: string[] = [];
    await service.instance.seedDemo!(demoData(), (message) => messages.push(message));
    const n = allProducts.length;
    expect(await indexed()).toBe(n);
    await service.instance.seedDemo!(demoData(), (message) => messages.push(message));
    expect(await indexed()).toBe(n);
    expect(messages).toEqual([
      `search: ${n} of ${n} demo products indexed`,
      `search: 0 of ${n} demo products indexed`,
    ]);
  });

  it('suggests titles by prefix first, then by similarity, at most ten', async () => {
    const sand = (await send('GET', '/api/v1/search/suggest?q=sand')).body.suggestions;
    expect(sand[0]).toMatchObject({ text: 'Leather Sandals', slug: 'leather-sandals' });
    const typo = (await send('GET', '/api/v1/search/suggest?q=sandels')).body.suggestions;
    expect(typo.map((s: { text: string }) => s.text)).toContain('Leather Sandals');
    const cotton = (await send('GET', '/api/v1/search/suggest?q=Cotton')).body.suggestions;
    expect(cotton).toHaveLength(10);
    expect(cotton.every((s: { text: string }) => s.text.startsWith('Cotton Tee'))).toBe(true);
    // One or two characters: titles starting with them, most reviewed first.
    const short = (await send('GET', '/api/v1/search/suggest?q=le&limit=3')).body;
    expect(short.suggestions.map((s: { text: string }) => s.text)).toEqual(['Leather Sandals']);
    expect((await send('GET', '/api/v1/search/suggest?q=%25')).body).toEqual({
      suggestions: [],
      queries: [],
    });
  });

  it('logs each search (first pages only) with its filters, result count and match mode', async () => {
    const first = await send('GET', '/api/v1/search?q=cotton&brand=Basic&inStock=true&limit=3');
    await send(
      'GET',
      `/api/v1/search?q=cotton&brand=Basic&inStock=true&limit=3&cursor=${first.body.nextCursor}`,
    );
    await send('GET', '/api/v1/search?q=sandels');
    const { rows } = await client.query(
      'select q, filters, sort, match_mode, result_count, latency_ms from search.queries order by id',
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      q: 'cotton',
      filters: { brand: 'Basic', inStock: true },
      sort: 'relevance',
      match_mode: 'fulltext',
      result_count: 10,
    });
    expect(rows[1]).toMatchObject({ q: 'sandels', filters: {}, match_mode: 'fuzzy', result_count: 1 });
    expect(rows[0].latency_ms).toBeGreaterThanOrEqual(0);
    expect((await send('GET', '/metrics')).text).toMatch(/search_queries_total\{[^}]*mode="fuzzy"[^}]*\} 1/);
  });

  it('answers bad parameters with a 400 problem', async () => {
    for (const query of [
      'limit=0',
      'limit=101',
      'sort=popular',
      'minPrice=-1',
      'minPrice=cheap',
      'inStock=maybe',
      'category=Not%20A%20Slug',
      'colour=red',
      'minRating=6',
      'attr.size=',
      'attr.=M',
      `attr.size=${'x'.repeat(81)}`,
      'cursor=bm90LWEtY3Vyc29y',
    ]) {
      const response = await send('GET', `/api/v1/search?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(response.body.code, query).toBe('VALIDATION_FAILED');
    }
    const range = await send('GET', '/api/v1/search?minPrice=5000&maxPrice=100');
    expect([range.status, range.body.code]).toEqual([400, 'INVALID_PRICE_RANGE']);
    const browse = await send('GET', '/api/v1/search?sort=price_asc&limit=2');
    expect((await send('GET', `/api/v1/search?sort=newest&cursor=${browse.body.nextCursor}`)).status).toBe(
      400,
    );
    expect(
      (await send('GET', `/api/v1/search?q=tee&sort=price_asc&cursor=${browse.body.nextCursor}`)).status,
    ).toBe(400);
    expect((await send('GET', '/api/v1/search/suggest')).status).toBe(400);
    expect((await send('GET', '/api/v1/search/suggest?q=a&limit=11')).status).toBe(400);
  });
});
