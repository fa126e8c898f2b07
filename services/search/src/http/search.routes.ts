import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { attributeKeyOf } from '../domain/search-document.js';
import type { SearchDeps } from '../use-cases/deps.js';
import { recordClick } from '../use-cases/record-click.js';
import { searchProducts } from '../use-cases/search-products.js';
import { suggest } from '../use-cases/suggest.js';
import {
  attributeParam,
  ClickBody,
  SearchQuery,
  SearchResponse,
  SuggestQuery,
  SuggestResponse,
} from './schemas.js';

/** `attr.Size=M&attr.size=L` → `{ size: ['M', 'L'] }` (the schema checked names and values). */
function attributeFiltersOf(query: object): Record<string, string[]> | undefined {
  const filters: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(query)) {
    const name = attributeParam.exec(key)?.[1];
    if (name === undefined) continue;
    const attribute = attributeKeyOf(name);
    filters[attribute] = [...new Set([...(filters[attribute] ?? []), ...(values as string[])])];
  }
  return Object.keys(filters).length > 0 ? filters : undefined;
}

/** What shoppers call: anonymous, like the storefront. */
export function searchRoutes(app: HttpApp, deps: SearchDeps): void {
  app.get(
    '/api/v1/search',
    { schema: { tags: ['search'], querystring: SearchQuery, response: { 200: SearchResponse } } },
    async (request) => {
      const { q, category, brand, minPrice, maxPrice, inStock, minRating, sort, limit, cursor } =
        request.query;
      const result = await searchProducts(
        deps,
        request.ctx,
        {
          q,
          category,
          brand,
          minPrice,
          maxPrice,
          inStock,
          minRating,
          attributes: attributeFiltersOf(request.query),
          sort,
          limit,
          cursor,
        },
        { userId: request.principal?.kind === 'user' ? request.principal.subject : null },
      );
      return {
        hits: result.page.items.map(({ createdAt: _, ...hit }) => hit),
        total: result.total,
        matchMode: result.mode,
        facets: result.facets,
        nextCursor: result.page.nextCursor,
        queryId: result.queryId,
      };
    },
  );

  app.get(
    '/api/v1/search/suggest',
    { schema: { tags: ['search'], querystring: SuggestQuery, response: { 200: SuggestResponse } } },
    async (request) => suggest(deps, request.query),
  );

  app.post(
    '/api/v1/search/clicks',
    { schema: { tags: ['search'], body: ClickBody, response: { 204: { type: 'null' } } } },
    async (request, reply) => {
      await recordClick(deps, request.ctx, request.body);
      return reply.code(204).send(null);
    },
  );
}
