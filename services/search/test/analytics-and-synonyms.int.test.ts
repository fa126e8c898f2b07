import { demoProductId } from '@emporium/contracts/demo/demo-ids';
import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchService } from '../src/service.js';
import { demoData, named } from './fixtures/demo-data.js';

let service: TestService;
let shopper: ReturnType<typeof httpClient>;
let admin: ReturnType<typeof httpClient>;
let customer: ReturnType<typeof httpClient>;
const titles = (body: { hits: { title: string }[] }) => body.hits.map((hit) => hit.title);

beforeAll(async () => {
  service = await startTestService(searchService);
  shopper = httpClient(service.url);
  admin = httpClient(service.url, await service.identity.bearer({ sub: 'cm-1', roles: ['catalog_manager'] }));
  customer = httpClient(service.url, await service.identity.bearer({ sub: 'c-1', roles: ['customer'] }));
  await service.instance.seedDemo!(demoData(), () => {});
});
afterAll(async () => {
  await service?.stop();
});

const search = async (query: string) => (await shopper('GET', `/api/v1/search?${query}`)).body;
const click = (queryId: number, productId: string, position: number) =>
  shopper('POST', '/api/v1/search/clicks', { queryId, productId, position });

describe('clicks, analytics and popular queries', () => {
  let cottonQueries: number[] = [];

  it('logs searches and records clicks on their hits', async () => {
    cottonQueries = [];
    for (const q of ['cotton', 'Cotton', ' cotton  ']) cottonQueries.push((await search(`q=${q}`)).queryId);
    expect(new Set(cottonQueries).size).toBe(3);
    for (let i = 0; i < 2; i++) expect((await search('q=zzyzx')).total).toBe(0);
    const sandals = await search('q=sandals');
    const sandalsId = demoProductId(named.sandals.sourceId);
    expect(sandals.hits[0].productId).toBe(sandalsId);
    // A page after the first is the same search: no new log row, no id.
    const page2 = await search(`q=cotton&limit=5&cursor=${(await search('q=cotton&limit=5')).nextCursor}`);
    expect(page2.queryId).toBeNull();

    const first = await click(cottonQueries[0]!, sandalsId, 1);
    expect(first.status).toBe(204);
    expect((await click(cottonQueries[0]!, sandalsId, 2)).status).toBe(204);
    expect((await click(sandals.queryId, sandalsId, 1)).status).toBe(204);

    const unknown = await click(999_999, sandalsId, 1);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'QUERY_NOT_FOUND']);
    for (const body of [
      { queryId: cottonQueries[0], productId: 'not-a-uuid', position: 1 },
      { queryId: cottonQueries[0], productId: sandalsId, position: 0 },
      { queryId: cottonQueries[0], productId: sandalsId },
      { queryId: '1', productId: sandalsId, position: 1 },
    ]) {
      const refused = await shopper('POST', '/api/v1/search/clicks', body);
      expect([refused.status, refused.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }

    // Each logged search and each click left an event for analytics, committed with its row.
    const reader = new pg.Client({ connectionString: service.database!.url });
    await reader.connect();
    const events = await reader
      .query<{ event_type: string; data: Record<string, unknown> }>(
        `select event_type, envelope->'data' as data from search.outbox order by sequence`,
      )
      .finally(() => reader.end());
    const performed = events.rows.filter((row) => row.event_type === 'search.performed');
    const clicked = events.rows.filter((row) => row.event_type === 'search.result_clicked');
    expect(performed).toHaveLength(7); // cotton ×4 (first pages), zzyzx ×2, sandals
    expect(performed.filter((row) => row.data.resultCount === 0)).toHaveLength(2);
    expect(clicked).toHaveLength(3);
    // (`sequence` orders events per search, not across them.)
    expect(clicked.map((row) => row.data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ searchId: String(cottonQueries[0]), productId: sandalsId, position: 1 }),
        expect.objectContaining({ searchId: String(cottonQueries[0]), productId: sandalsId, position: 2 }),
        expect.objectContaining({ searchId: String(sandals.queryId), productId: sandalsId, position: 1 }),
      ]),
    );
  });

  it('reports top queries, zero-result queries and click-through rate to staff', async () => {
    const response = await admin('GET', '/api/v1/search/analytics');
    expect(response.status).toBe(200);
    const report = response.body;
    // cotton ×4 (the paged search logged once), zzyzx ×2, sandals ×1.
    expect(report).toMatchObject({
      searches: 7,
      zeroResultSearches: 2,
      clickedSearches: 2,
      clicks: 3,
      clickThroughRate: 2 / 7,
    });
    expect(report.topQueries).toEqual([
      { query: 'cotton', searches: 4, clickedSearches: 1, averageResults: 20, clickThroughRate: 0.25 },
      { query: 'zzyzx', searches: 2, clickedSearches: 0, averageResults: 0, clickThroughRate: 0 },
      { query: 'sandals', searches: 1, clickedSearches: 1, averageResults: 1, clickThroughRate: 1 },
    ]);
    expect(report.zeroResultQueries).toEqual([{ query: 'zzyzx', searches: 2 }]);

    const limited = (await admin('GET', '/api/v1/search/analytics?limit=1')).body;
    expect(limited.topQueries.map((entry: { query: string }) => entry.query)).toEqual(['cotton']);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const before = 'from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z';
    const empty = (await admin('GET', `/api/v1/search/analytics?${before}`)).body;
    expect(empty).toMatchObject({ searches: 0, clickThroughRate: 0, topQueries: [], zeroResultQueries: [] });
    const backwards = await admin('GET', `/api/v1/search/analytics?from=${future}&to=2020-01-01T00:00:00Z`);
    expect([backwards.status, backwards.body.code]).toEqual([400, 'INVALID_DATE_RANGE']);
  });

  it('keeps the report from customers and anonymous callers', async () => {
    const forbidden = await customer('GET', '/api/v1/search/analytics');
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await shopper('GET', '/api/v1/search/analytics');
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('suggests what others searched for, once searched often enough and only if it found something', async () => {
    const typed = (await shopper('GET', '/api/v1/search/suggest?q=cot')).body;
    expect(typed.queries).toEqual([{ text: 'cotton', searches: 4 }]);
    expect(typed.suggestions[0].text).toMatch(/^Cotton Tee/);
    // Searched once: not offered to the next shopper; found nothing: never offered.
    expect((await shopper('GET', '/api/v1/search/suggest?q=sand')).body.queries).toEqual([]);
    expect((await shopper('GET', '/api/v1/search/suggest?q=zzy')).body.queries).toEqual([]);
  });
});

describe('synonyms', () => {
  it('are managed by staff only', async () => {
    expect((await admin('GET', '/api/v1/search/synonyms')).body).toEqual({ rules: [] });
    const rules = { rules: [{ terms: ['sneakers', 'trainers'] }] };
    expect((await customer('PUT', '/api/v1/search/synonyms', rules)).status).toBe(403);
    expect((await shopper('PUT', '/api/v1/search/synonyms', rules)).status).toBe(401);
    expect((await customer('GET', '/api/v1/search/synonyms')).status).toBe(403);
    const lonely = await admin('PUT', '/api/v1/search/synonyms', { rules: [{ terms: ['solo'] }] });
    expect([lonely.status, lonely.body.code]).toEqual([400, 'INVALID_SYNONYMS']);
    const blank = await admin('PUT', '/api/v1/search/synonyms', { rules: [{ terms: ['a', '!!'] }] });
    expect([blank.status, blank.body.code]).toEqual([400, 'INVALID_SYNONYMS']);
    const extra = await admin('PUT', '/api/v1/search/synonyms', {
      rules: [{ terms: ['a', 'b'], weight: 2 }],
    });
    expect([extra.status, extra.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('expand the query: equivalent terms both ways, expandsTo one way', async () => {
    expect((await search('q=trainers')).matchMode).not.toBe('fulltext');
    expect(titles(await search('q=footwear'))).toEqual(['Leather Sandals']);

    const rules = {
      rules: [{ terms: ['sneakers', 'trainers'] }, { terms: [' footwear '], expandsTo: ['sneakers'] }],
    };
    const saved = await admin('PUT', '/api/v1/search/synonyms', rules);
    expect(saved.status).toBe(200);
    expect(saved.body.rules[1]).toEqual({ terms: ['footwear'], expandsTo: ['sneakers'] });
    expect((await admin('GET', '/api/v1/search/synonyms')).body).toEqual(saved.body);

    const trainers = await search('q=trainers');
    expect([trainers.matchMode, ...titles(trainers)]).toEqual(['fulltext', 'Canvas Sneakers']);
    expect(titles(await search('q=footwear')).sort()).toEqual(['Canvas Sneakers', 'Leather Sandals']);
    // One way: sneakers do not find what only "footwear" describes.
    expect(titles(await search('q=sneakers'))).toEqual(['Canvas Sneakers']);
    // The rest of the websearch syntax keeps its meaning around a rewritten word.
    expect(titles(await search('q=footwear%20-canvas'))).toEqual(['Leather Sandals']);
    expect(titles(await search('q=trainers%20or%20headphones')).sort()).toEqual([
      'Canvas Sneakers',
      'Wireless Headphones',
    ]);

    expect((await admin('PUT', '/api/v1/search/synonyms', { rules: [] })).status).toBe(200);
    expect((await search('q=trainers')).matchMode).not.toBe('fulltext');
  });
});
