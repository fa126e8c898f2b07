import { demoProductId } from '@emporium/contracts/demo/demo-ids';
import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchService } from '../src/service.js';
import { allProducts, demoData, named, tees, zephyr } from './fixtures/demo-data.js';

let service: TestService;
let send: ReturnType<typeof httpClient>;
const titles = (body: { hits: { title: string }[] }) => body.hits.map((hit) => hit.title);

beforeAll(async () => {
  service = await startTestService(searchService);
  send = httpClient(service.url);
  await service.instance.seedDemo!(demoData(), () => {});
});
afterAll(async () => {
  await service?.stop();
});

async function search(query: string) {
  const response = await send('GET', `/api/v1/search?${query}`);
  expect(response.status, query).toBe(200);
  return response.body;
}

/** Every page of a search, following nextCursor. */
async function walk(query: string, limit: number) {
  const hits: { productId: string; priceMinMinor: number; rating: number; score: number }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const body = await search(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    hits.push(...body.hits);
    cursor = body.nextCursor;
    pages += 1;
  } while (cursor && pages < 50);
  return { hits, pages };
}

describe(`search on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('ranks a title match above a description match', async () => {
    const body = await search('q=linen');
    expect(body.matchMode).toBe('fulltext');
    expect(titles(body)).toEqual(['Linen Shirt', 'Summer Dress']);
    expect(body.hits[0].score).toBeGreaterThan(body.hits[1].score);
    expect(body.hits[0]).toMatchObject({
      productId: demoProductId(named.shirt.sourceId),
      slug: 'linen-shirt',
      brand: 'Northwind',
      priceMinMinor: 3_500,
      currency: 'USD',
      inStock: true,
    });
  });

  it('weighs title > brand > category > tags > description', async () => {
    const body = await search('q=zephyr');
    expect(titles(body)).toEqual(Object.values(zephyr).map((product) => product.title));
    const scores = body.hits.map((hit: { score: number }) => hit.score);
    for (let i = 1; i < scores.length; i++) expect(scores[i], titles(body)[i]).toBeLessThan(scores[i - 1]);
    // Category names are searchable words, not only slugs.
    const living = await search('q=living&sort=price_asc&limit=1');
    expect([living.total, ...titles(living)]).toEqual([6, 'Ceramic Vase']);
  });

  it('understands stemming and websearch syntax', async () => {
    expect(titles(await search('q=sandal'))).toEqual(['Leather Sandals']);
    expect(titles(await search('q=%22linen%20shirt%22'))).toEqual(['Linen Shirt']);
    // The words in another order are no phrase: only the typo fallback (titles alike) finds it.
    expect((await search('q=%22shirt%20linen%22')).matchMode).toBe('fuzzy');
    expect(titles(await search('q=summer%20-dress')).sort()).toEqual(['Leather Sandals', 'Linen Shirt']);
    expect(titles(await search('q=sandals%20or%20sneakers')).sort()).toEqual([
      'Canvas Sneakers',
      'Leather Sandals',
    ]);
  });

  it('tolerates typos by falling back to trigram similarity on titles', async () => {
    const sandals = await search('q=sandels');
    expect(sandals.matchMode).toBe('fuzzy');
    expect(titles(sandals)[0]).toBe('Leather Sandals');
    expect(titles(await search('q=hedphones'))[0]).toBe('Wireless Headphones');
    const nothing = await search('q=zzyzx');
    expect([nothing.total, nothing.hits, nothing.nextCursor]).toEqual([0, [], null]);
  });

  it('counts facets over the whole result set', async () => {
    const body = await search('q=summer&limit=1');
    expect(body.total).toBe(3);
    expect(body.hits).toHaveLength(1);
    expect(body.facets.brand).toEqual([
      { value: 'Northwind', count: 2 },
      { value: 'Solana', count: 1 },
    ]);
    expect(body.facets.category).toEqual([
      { value: 'apparel', name: 'Apparel', parent: null, depth: 0, count: 3 },
      { value: 'dresses', name: 'Dresses', parent: 'apparel', depth: 1, count: 1 },
      { value: 'sandals', name: 'Sandals', parent: 'shoes', depth: 2, count: 1 },
      { value: 'shoes', name: 'Shoes', parent: 'apparel', depth: 1, count: 1 },
      { value: 'tops', name: 'Tops', parent: 'apparel', depth: 1, count: 1 },
    ]);
    expect(body.facets.price.map((range: { count: number }) => range.count)).toEqual([0, 2, 1, 0, 0]);
    expect(body.facets.price[4]).toEqual({ fromMinor: 20_000, toMinor: null, count: 0 });
    expect(body.facets.rating).toEqual([
      { minRating: 4, count: 2 },
      { minRating: 3, count: 3 },
      { minRating: 2, count: 3 },
      { minRating: 1, count: 3 },
    ]);
    expect(body.facets.availability).toEqual({ inStock: 2, outOfStock: 1 });
    expect(body.facets.attributes).toEqual([{ name: 'size', values: [{ value: 'One', count: 3 }] }]);
  });

  it('counts attribute values from the variants’ options', async () => {
    const body = await search('q=cotton&limit=1');
    expect(body.facets.attributes).toEqual([
      {
        name: 'size',
        values: [
          { value: 'L', count: 10 },
          { value: 'M', count: 10 },
          { value: 'S', count: 10 },
        ],
      },
      {
        name: 'colour',
        values: [
          { value: 'Black', count: 7 },
          { value: 'White', count: 7 },
          { value: 'Navy', count: 6 },
        ],
      },
    ]);
  });

  it('combines filters: brand, category with descendants, price, stock, rating, attributes', async () => {
    expect((await search('q=summer&brand=Northwind')).total).toBe(2);
    expect(titles(await search('category=shoes&sort=price_asc'))).toEqual([
      'Canvas Sneakers',
      'Leather Sandals',
    ]);
    expect(titles(await search('q=summer&minPrice=3000&maxPrice=5000&sort=price_asc'))).toEqual([
      'Linen Shirt',
      'Leather Sandals',
    ]);
    const outOfStock = await search('inStock=false&category=apparel');
    expect(outOfStock.total).toBe(1 + tees.filter((_, i) => i % 2 === 1).length);
    expect(outOfStock.hits.every((hit: { inStock: boolean }) => !hit.inStock)).toBe(true);
    expect((await search('q=cotton&minRating=4')).total).toBe(8);
    const best = titles(await search('category=apparel&minRating=4.5&sort=rating'));
    expect(best[0]).toBe('Canvas Sneakers'); // 4.9, then five rated 4.6
    expect(best.slice(1).sort()).toEqual([
      'Cotton Tee 10',
      'Cotton Tee 15',
      'Cotton Tee 20',
      'Cotton Tee 5',
      'Leather Sandals',
    ]);
    expect((await search('q=cotton&attr.colour=Navy')).total).toBe(6);
    expect((await search('q=cotton&attr.colour=Navy&attr.colour=Black')).total).toBe(13);
    const navyLarge = await search('attr.Colour=Navy&attr.size=L');
    expect(titles(navyLarge).sort()).toEqual(['Cotton Tee 12', 'Cotton Tee 18', 'Cotton Tee 6']);
    expect(navyLarge.facets.attributes).toEqual([
      { name: 'colour', values: [{ value: 'Navy', count: 3 }] },
      { name: 'size', values: [{ value: 'L', count: 3 }] },
    ]);
    expect((await search('q=cotton&attr.colour=Navy&inStock=true&minRating=3.5')).total).toBe(
      tees.filter((_, i) => i % 3 === 2 && i % 2 === 0 && i % 5 >= 2).length,
    );
  });

  it('pages by keyset in every sort, with no duplicates or gaps', async () => {
    for (const sort of ['price_asc', 'price_desc', 'newest', 'rating', 'relevance']) {
      const { hits } = await walk(`sort=${sort}`, 5);
      expect(new Set(hits.map((hit) => hit.productId)).size, sort).toBe(allProducts.length);
    }
    const prices = (await walk('sort=price_asc', 4)).hits.map((hit) => hit.priceMinMinor);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const ratings = (await walk('sort=rating', 3)).hits.map((hit) => hit.rating);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
    // Twenty equal scores: ties are broken by id, so relevance pages neither repeat nor skip.
    const cotton = await walk('q=cotton', 6);
    expect(cotton.pages).toBe(4);
    expect(new Set(cotton.hits.map((hit) => hit.productId))).toEqual(
      new Set(tees.map((tee) => demoProductId(tee.sourceId))),
    );
    const scores = cotton.hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
